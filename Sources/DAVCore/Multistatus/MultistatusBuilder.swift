public import DAVXML
public import HTTPWire

/// Builds a 207 Multi-Status body (RFC 4918 §13): one `response` per resource with `propstat` groups, or a
/// bare status.
public struct MultistatusBuilder: Sendable {
    /// The document so far; `PropertyResponseWriter` appends prepared markup to it.
    var writer: XMLWriter
    /// The pieces every response repeats, spelled with the root's prefixes.
    let markup: MultistatusMarkup

    /// Starts a multistatus document declaring `namespaces` on the root.
    public init(namespaces: [String] = []) {
        writer = XMLWriter(root: .dav("multistatus"), namespaces: namespaces)
        markup = MultistatusMarkup(writer)
    }

    /// Adds a response with property groups (an empty list becomes one empty 200 group, since a response needs
    /// a propstat or a status — RFC 4918 §14.24).
    public mutating func addResponse(href: String, propstats: [(status: Int, properties: [XMLTree])]) {
        writer.appendMarkup(markup.responseAndHrefOpen)
        writer.text(href)
        writer.appendMarkup(markup.hrefClose)
        for group in propstats.isEmpty ? [(status: 200, properties: [])] : propstats {
            writer.appendMarkup(markup.groupOpen)
            for property in group.properties { writer.write(property) }
            writer.appendMarkup(markup.groupClose(group.status))
        }
        writer.appendMarkup(markup.responseClose)
    }

    /// Adds a response carrying only a status (e.g. 424, 403 for a member), optionally with the condition that
    /// explains it (RFC 4918 §14.5 `DAV:error`).
    public mutating func addResponse(href: String, status: Int, error: XMLName? = nil) {
        writer.write(Self.statusResponse(href: href, status: status, error: error))
    }

    /// The `DAV:response` element of a response carrying only a status, and optionally a condition.
    static func statusResponse(href: String, status: Int, error: XMLName?) -> XMLTree {
        var children: [XMLTree.Node] = [
            .element(XMLTree(.dav("href"), text: href)),
            .element(XMLTree(.dav("status"), text: Self.statusLine(status))),
        ]
        if let error {
            children.append(.element(XMLTree(.dav("error"), children: [.element(XMLTree(error))])))
        }
        return XMLTree(.dav("response"), children: children)
    }

    /// Adds an element after the responses, e.g. RFC 6578's `DAV:sync-token`.
    public mutating func add(_ element: XMLTree) {
        writer.write(element)
    }

    /// Bytes buffered so far.
    public var bufferedCount: Int { writer.bufferedCount }

    /// A 207 whose body is sent chunked as it is built, so a listing of 100,000 resources never sits in memory
    /// whole: `produce` adds responses to the builder and calls `flush` between batches. A failure after the
    /// first bytes ends the connection without the closing chunk, so the client sees an incomplete body.
    public static func streamed(
        namespaces: [String],
        produce:
            @escaping @Sendable (inout MultistatusBuilder, _ flush: (inout MultistatusBuilder) throws -> Void) throws
            -> Void
    ) -> HTTPResponse {
        response(
            body: .stream { output in
                var builder = MultistatusBuilder(namespaces: namespaces)
                try produce(&builder) { builder in try output.write(builder.writer.drain()) }
                try output.write(builder.writer.finish())
            }
        )
    }

    /// Responses per batch when streaming.
    public static let streamingBatch = 500

    /// The finished 207 response.
    public mutating func response() -> HTTPResponse {
        Self.response(body: .bytes(writer.finish()))
    }

    /// A 207 with a finished multistatus `body`.
    public static func response(body: HTTPResponseBody) -> HTTPResponse {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/xml; charset=utf-8")
        return HTTPResponse(status: .multistatus, headers: headers, body: body, isCompressible: true)
    }

    /// One `DAV:propstat` element (RFC 4918 §14.22).
    public static func propstat(_ group: (status: Int, properties: [XMLTree])) -> XMLTree {
        XMLTree(
            .dav("propstat"),
            children: [
                .element(XMLTree(.dav("prop"), children: group.properties.map { .element($0) })),
                .element(XMLTree(.dav("status"), text: statusLine(group.status))),
            ]
        )
    }

    /// `HTTP/1.1 200 OK`.
    public static func statusLine(_ code: Int) -> String {
        switch code {
        case 200: return "HTTP/1.1 200 OK"
        case 404: return "HTTP/1.1 404 Not Found"
        default:
            let status = HTTPStatus(code: code)
            return "HTTP/1.1 \(status.code) \(status.reasonPhrase)"
        }
    }
}
