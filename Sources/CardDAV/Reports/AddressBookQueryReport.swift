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
        let candidates = try backend.objects(
            in: request.path,
            component: nil,
            from: nil,
            to: nil,
            content: true,
            as: request.principal
        )
        var parsed: [DAVPath: VCard] = [:]
        let results = query.results(from: candidates, maximum: maxResults) { object in
            try? VCard.parse(object.bytes)
        }
        if query.properties.addressData != nil {
            for match in results.matches {
                parsed[match.resource.path] = try? VCard.parse(match.bytes)
            }
        }
        let renderer = AddressDataRenderer()
        let dataRequest = query.properties.addressData ?? AddressDataRequest()
        let cards = parsed
        return try ObjectReportResponse(
            dataProperty: CardDAVElements.addressData,
            selection: query.properties.selection
        ).response(
            objects: results.matches,
            truncatedCollection: results.truncated ? request.path : nil,
            request: request,
            context: context
        ) { object in
            XMLTree(
                CardDAVElements.addressData,
                text: String(
                    decoding: try renderer.render(object.bytes, card: cards[object.resource.path], for: dataRequest),
                    as: UTF8.self
                )
            )
        }
    }
}
