/// A request as a handler sees it: the parsed head, a streamed body and who sent it.
public struct HTTPRequest {
    /// The request line and headers.
    public var head: HTTPRequestHead
    /// The body stream; empty for requests without one.
    public var body: any HTTPBodyReader
    /// The client's address, e.g. `127.0.0.1` or `::1`.
    public var remoteAddress: String

    /// Creates a request.
    public init(head: HTTPRequestHead, body: any HTTPBodyReader = BufferedBodyReader(), remoteAddress: String = "") {
        self.head = head
        self.body = body
        self.remoteAddress = remoteAddress
    }

    /// The method.
    public var method: HTTPMethod { head.method }
    /// The headers.
    public var headers: HTTPHeaders { head.headers }
}

/// A response body: nothing, bytes in memory (owned or shared with other responses), a region of a file (sent with
/// `sendfile`), or a stream.
public enum HTTPResponseBody: Sendable {
    /// No body.
    case empty
    /// These bytes.
    case bytes([UInt8])
    /// Bytes many responses send, with their gzip form made once (a cached listing).
    case shared(SharedBody)
    /// `length` bytes of the file at `path` from `offset`, streamed in constant memory.
    case file(path: String, offset: Int64, length: Int64)
    /// Bytes produced by `produce`, sent chunked; for multistatus responses built as they stream.
    case stream(@Sendable (any HTTPBodyWriter) throws -> Void)
}

/// A response: status, headers and body. The server adds `Date`, `Content-Length` or chunked framing,
/// `Connection` and compression.
public struct HTTPResponse: Sendable {
    /// The status.
    public var status: HTTPStatus
    /// Header fields set by the handler.
    public var headers: HTTPHeaders
    /// The body.
    public var body: HTTPResponseBody
    /// Whether the body may be gzip-compressed when the client accepts it.
    public var isCompressible: Bool
    /// The authenticated user, recorded in the access log; never sent.
    public var accessLogUser: String?
    /// What the response waits for before it is sent, if anything: the durability of the writes it acknowledges.
    public var gate: (any ResponseGate)?

    /// Creates a response.
    public init(
        status: HTTPStatus,
        headers: HTTPHeaders = HTTPHeaders(),
        body: HTTPResponseBody = .empty,
        isCompressible: Bool = false
    ) {
        self.status = status
        self.headers = headers
        self.body = body
        self.isCompressible = isCompressible
        self.accessLogUser = nil
        self.gate = nil
    }

    /// A short plain-text response, as used for errors.
    public static func text(_ status: HTTPStatus, _ message: String, headers: HTTPHeaders = HTTPHeaders()) -> Self {
        var headers = headers
        headers.replaceOrAdd(name: "Content-Type", value: "text/plain; charset=utf-8")
        return HTTPResponse(status: status, headers: headers, body: .bytes(Array((message + "\n").utf8)))
    }
}

/// Holds a response back until what it acknowledges has happened — the flush of the writes it reports (ADR 0019).
/// The server queues the response and serves other connections meanwhile.
public protocol ResponseGate: Sendable {
    /// Calls `opened` exactly once: with true when the response may be sent, with false when it must not be (the
    /// server answers 500 instead). It may be called at once on this thread or later on any other; it must not wait.
    func whenOpen(_ opened: @escaping @Sendable (Bool) -> Void)
}
