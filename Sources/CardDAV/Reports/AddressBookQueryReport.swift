public import DAVCore
public import DAVXML
public import HTTPWire
import VCardFormat

/// The `addressbook-query` report (RFC 6352 §8.6): the vCards of an address book that match the filter, at most
/// `nresults` (and the server's cap) of them, with a 507 `DAV:number-of-matches-within-limits` response when
/// more matched (§8.6.2).
public struct AddressBookQueryReport: ReportHandler {
    /// The most results one query returns.
    public let maxResults: Int

    /// Creates the report.
    public init(maxResults: Int = 10_000) { self.maxResults = maxResults }

    /// `{urn:ietf:params:xml:ns:carddav}addressbook-query`.
    public var name: XMLName { CardDAVElements.addressBookQuery }

    /// Address books.
    public func isSupported(on resource: DAVResource) -> Bool { resource.kind == .addressBook }

    /// Answers with the matching vCards.
    public func report(_ body: XMLTree, on resource: DAVResource, request: DAVRequest, in context: DAVContext) throws
        -> HTTPResponse
    {
        guard let backend = context.backend as? any ObjectBackend else {
            throw DAVError(.forbidden, condition: .dav("supported-report"), "This server holds no address books.")
        }
        let query = try AddressBookQuery(xml: body)
        let dataRequest = query.properties.addressData ?? AddressDataRequest()
        let response = ObjectReportResponse(
            dataProperty: CardDAVElements.addressData,
            selection: query.properties.selection
        )
        let answer = QueryAnswerKey(
            query: Matches(filter: query.filter, limit: query.limit, cap: maxResults),
            on: resource
        )
        if let answer,
            let kept = response.keptAnswer(for: answer, request: request, context: context, renderKey: dataRequest)
        {
            return kept
        }
        let candidates = try self.candidates(for: query.filter, request: request, backend: backend)
        let keepsCards = query.properties.addressData != nil && !dataRequest.returnsStoredData
        // By the object's row id, which tells the candidates apart without hashing their paths.
        var parsed: [Int64: VCard] = [:]
        let tested = AddressBookFilter.TestedCardReader(query.filter)
        let decided = !keepsCards && ContactSearchCondition.decides(query.filter)
        var results = query.results(
            from: candidates,
            maximum: maxResults,
            isKnownMatch: { decided && $0.satisfiesCondition }
        ) { candidate in
            let object = candidate.object
            let card = keepsCards ? try? VCard.parse(object.bytes) : tested.card(of: object.bytes)
            if keepsCards, let card { parsed[object.resource.identifier] = card }
            return card
        }
        let renderer = AddressDataRenderer()
        let cards = parsed
        return try response.response(
            objects: Self.objects(moving: &results.matches),
            truncatedCollection: results.truncated ? request.path : nil,
            request: request,
            context: context,
            renderKey: dataRequest,
            answer: answer
        ) { object in
            ObjectData(
                bytes: try renderer.render(object.bytes, card: cards[object.resource.identifier], for: dataRequest)
            )
        }
    }

    /// What decides which cards of an address book a query answers with (`QueryAnswerKey`): the filter, the
    /// client's `nresults` and the server's cap (RFC 6352 §8.6.1).
    private struct Matches: Hashable, Sendable {
        let filter: AddressBookFilter
        let limit: Int?
        let cap: Int
    }

    /// The objects of `candidates`, in order, moved out of them (which are left empty) rather than copied.
    private static func objects(moving candidates: inout [ContactSearchCandidate]) -> [StoredObject] {
        var objects: [StoredObject] = []
        objects.reserveCapacity(candidates.count)
        while let candidate = candidates.popLast() { objects.append(candidate.object) }
        objects.withUnsafeMutableBufferPointer { $0.reverse() }
        return objects
    }

    /// The cards that may match `filter`: from the contact search index when it can narrow the filter, else those
    /// whose stored bytes pass the prefilter, tested where the backend keeps them when it can scan (none of
    /// these known to satisfy a condition).
    private func candidates(
        for filter: AddressBookFilter,
        request: DAVRequest,
        backend: any ObjectBackend
    ) throws -> [ContactSearchCandidate] {
        let condition = ContactSearchCondition(filter)
        if condition.narrows, let search = backend as? any ContactSearchBackend {
            return try search.contactObjects(in: request.path, satisfying: condition, as: request.principal)
        }
        return try unindexedCandidates(for: filter, request: request, backend: backend).map {
            ContactSearchCandidate(object: $0, satisfiesCondition: false)
        }
    }

    private func unindexedCandidates(
        for filter: AddressBookFilter,
        request: DAVRequest,
        backend: any ObjectBackend
    ) throws -> [StoredObject] {
        let prefilter = AddressBookPrefilter(filter)
        if prefilter.rejectsAny, let scanner = backend as? any ObjectScanBackend {
            return try scanner.objects(in: request.path, admitting: prefilter.admits, as: request.principal)
        }
        let all = try backend.objects(
            in: request.path,
            component: nil,
            from: nil,
            to: nil,
            content: true,
            as: request.principal
        )
        guard prefilter.rejectsAny else { return all }
        return all.filter { $0.bytes.withUnsafeBytes(prefilter.admits) }
    }
}
