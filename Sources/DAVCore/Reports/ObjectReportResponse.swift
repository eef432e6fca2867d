public import DAVXML
public import HTTPWire

/// The multistatus of the object reports (calendar-query and -multiget, RFC 4791 §7.8–§7.9; addressbook-query
/// and -multiget, RFC 6352 §8.6–§8.7): the requested properties of each object, with the data property
/// (`calendar-data`, `address-data`) rendered from the object's bytes, and 404 responses for missing hrefs. The
/// responses are written as bytes (`ObjectResponseWriter`); a large result is streamed in batches, each object's
/// bytes let go once its response is written.
public struct ObjectReportResponse {
    /// The data property's name, e.g. `{urn:ietf:params:xml:ns:caldav}calendar-data`.
    public var dataProperty: XMLName
    /// The requested properties.
    public var selection: PropertySelection

    /// Creates a response builder.
    public init(dataProperty: XMLName, selection: PropertySelection) {
        self.dataProperty = dataProperty
        self.selection = selection
    }

    /// Objects written between two looks at the output buffer when streaming.
    static let batch = 100
    /// Bytes of output that are handed to the connection at once when streaming.
    static let flushSize = 256 * 1024
    /// The most object data a response built whole may hold; above it (or above
    /// `MultistatusBuilder.streamingBatch` objects) the response is streamed.
    static let wholeBodyLimit = 4 * 1024 * 1024

    /// The 207 response. `render` gives the data property of an object. A `truncatedCollection` gets the 507
    /// `DAV:number-of-matches-within-limits` response of a result cut at its limit (RFC 4791 §7.8, RFC 6352
    /// §8.6.2). A `renderKey` vouches that what `render` gives depends on nothing but the object's bytes and the
    /// key; kept responses (`ReportFragmentCache`) are then reused, and the new ones kept when `keepsResponses`
    /// (a query, which clients repeat, unlike a multiget of the objects that changed since their last sync). With an
    /// `answer` key as well, the whole answer is kept for `keptAnswer`.
    public func response(
        objects: [StoredObject],
        missing: [DAVPath] = [],
        truncatedCollection: DAVPath? = nil,
        request: DAVRequest,
        context: DAVContext,
        renderKey: (any Hashable & Sendable)? = nil,
        keepsResponses: Bool = true,
        answer: QueryAnswerKey? = nil,
        render: @escaping @Sendable (StoredObject) throws -> ObjectData
    ) throws -> HTTPResponse {
        let (wantsData, others) = split(selection)
        var writer = ObjectResponseWriter(
            context: context,
            selection: others,
            dataProperty: wantsData ? dataProperty : nil,
            principal: request.principal,
            omitsNotFound: request.prefersMinimal,
            collection: request.path,
            renderKey: renderKey,
            keepsResponses: keepsResponses,
            collectsAnswer: answer != nil
        )
        var document = XMLWriter(root: .dav("multistatus"), namespaces: context.responseNamespaces)
        let head = document.drain()
        var trailer: [UInt8] = []
        for path in missing { writer.appendStatus(404, for: path, to: &trailer) }
        if let truncatedCollection {
            writer.appendStatus(
                507,
                for: truncatedCollection.asCollection(true),
                error: .dav("number-of-matches-within-limits"),
                to: &trailer
            )
        }
        trailer.append(contentsOf: document.finish())
        let end: @Sendable (ObjectResponseWriter, inout [UInt8]) -> Void = { [trailer] writer, output in
            output.append(contentsOf: trailer)
            if let answer { writer.keepAnswer(trailer: trailer, for: answer) }
        }
        let dataBytes = objects.reduce(0) { $0 + $1.bytes.count }
        guard objects.count > MultistatusBuilder.streamingBatch || dataBytes > Self.wholeBodyLimit else {
            var body = head
            body.reserveCapacity(head.count + dataBytes + dataBytes / 8 + objects.count * 256 + trailer.count)
            try writer.append(objects[...], to: &body, render: render)
            end(writer, &body)
            return MultistatusBuilder.response(body: .bytes(body))
        }
        let pending = PendingObjects(objects)
        return MultistatusBuilder.response(
            body: .stream { [writer] output in
                var writer = writer
                var buffer = head
                buffer.reserveCapacity(2 * Self.flushSize)
                while try pending.writeNext(Self.batch, { try writer.append($0, to: &buffer, render: render) }) {
                    if buffer.count >= Self.flushSize {
                        try output.write(buffer)
                        buffer.removeAll(keepingCapacity: true)
                    }
                }
                end(writer, &buffer)
                try output.write(buffer)
            }
        )
    }

    /// The 207 response a query gave before, when the cache kept its whole answer for the key's query and
    /// collection revision in this report's shape (`response(...answer:...)`); nil otherwise. An answer up to
    /// `wholeBodyLimit` is joined into one body the first time it is sent again, and that body is kept with the
    /// answer and sent to later clients without a copy (a 1.9 MB address-book search answer: a quarter of the
    /// server's CPU per request was that copy); a larger answer is streamed, copied into the output a flush at a time.
    public func keptAnswer(
        for key: QueryAnswerKey,
        request: DAVRequest,
        context: DAVContext,
        renderKey: (any Hashable & Sendable)?
    ) -> HTTPResponse? {
        let (wantsData, others) = split(selection)
        guard
            let kept = ObjectResponseWriter.keeping(
                context: context,
                selection: others,
                dataProperty: wantsData ? dataProperty : nil,
                omitsNotFound: request.prefersMinimal,
                collection: request.path,
                renderKey: renderKey
            ),
            let answer = kept.cache.answer(for: key, in: kept.shape)
        else { return nil }
        var document = XMLWriter(root: .dav("multistatus"), namespaces: context.responseNamespaces)
        let head = document.drain()
        if let whole = answer.whole, whole.head == head {
            return MultistatusBuilder.response(body: .shared(whole.body))
        }
        let size = answer.responses.reduce(head.count + answer.trailer.count) { $0 + $1.count }
        guard size > Self.wholeBodyLimit else {
            var body = head
            body.reserveCapacity(size)
            for response in answer.responses { body.append(contentsOf: response) }
            body.append(contentsOf: answer.trailer)
            let whole = SharedBody(body)
            kept.cache.keepWholeBody(whole, head: head, for: key, in: kept.shape)
            return MultistatusBuilder.response(body: .shared(whole))
        }
        return MultistatusBuilder.response(
            body: .stream { output in
                var buffer = head
                buffer.reserveCapacity(Self.flushSize + 64 * 1024)
                for response in answer.responses {
                    buffer.append(contentsOf: response)
                    if buffer.count >= Self.flushSize {
                        try output.write(buffer)
                        buffer.removeAll(keepingCapacity: true)
                    }
                }
                buffer.append(contentsOf: answer.trailer)
                try output.write(buffer)
            }
        )
    }

    /// Whether the selection asks for the data property, and the selection without it.
    private func split(_ selection: PropertySelection) -> (Bool, PropertySelection) {
        guard case .properties(let names) = selection else { return (false, selection) }
        return (names.contains(dataProperty), .properties(names.filter { $0 != dataProperty }))
    }
}

/// The objects a streamed response has yet to write. Each batch, once written, stays here without its bytes, so
/// the data of the objects already written is freed while the rest of the body is produced. Batches are lent as
/// slices of the one array, not copied. Only the response's stream, which runs once on one thread, uses it.
private final class PendingObjects: @unchecked Sendable {
    private var objects: [StoredObject]
    private var position = 0

    init(_ objects: [StoredObject]) { self.objects = objects }

    /// Passes the next at most `count` objects to `write`, then frees their bytes; false when all were written.
    func writeNext(_ count: Int, _ write: (ArraySlice<StoredObject>) throws -> Void) throws -> Bool {
        guard position < objects.count else { return false }
        let end = min(position + count, objects.count)
        try write(objects[position..<end])
        for index in position..<end { objects[index].bytes = [] }
        position = end
        return true
    }
}
