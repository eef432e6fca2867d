/// How the body of a request is delimited (RFC 9112 §6.3).
public enum HTTPBodyFraming: Sendable, Equatable {
    /// No body.
    case none
    /// Exactly this many bytes follow the head.
    case contentLength(Int64)
    /// A chunked body follows (RFC 9112 §7.1).
    case chunked
}

/// A parsed request line and header section (RFC 9112 §3, §5), validated for framing.
public struct HTTPRequestHead: Sendable {
    /// The method token.
    public var method: HTTPMethod
    /// The request target exactly as sent (origin-form `/a%20b?x`, or absolute-form).
    public var target: String
    /// The protocol version.
    public var version: HTTPVersion
    /// The header fields in order.
    public var headers: HTTPHeaders
    /// How the body is framed.
    public var bodyFraming: HTTPBodyFraming
    /// Whether the connection may be reused after this request (RFC 9112 §9.3).
    public var keepAlive: Bool
    /// Whether the client sent `Expect: 100-continue` (RFC 9110 §10.1.1).
    public var expectsContinue: Bool
    /// Whether the body is gzip-encoded (`Content-Encoding: gzip`).
    public var bodyIsGzipped: Bool

    /// Creates a head; `bodyFraming`, `keepAlive` and the rest are normally derived by the parser.
    public init(
        method: HTTPMethod,
        target: String,
        version: HTTPVersion = .http1_1,
        headers: HTTPHeaders = HTTPHeaders(),
        bodyFraming: HTTPBodyFraming = .none,
        keepAlive: Bool = true,
        expectsContinue: Bool = false,
        bodyIsGzipped: Bool = false
    ) {
        self.method = method
        self.target = target
        self.version = version
        self.headers = headers
        self.bodyFraming = bodyFraming
        self.keepAlive = keepAlive
        self.expectsContinue = expectsContinue
        self.bodyIsGzipped = bodyIsGzipped
    }

    /// The target's path part (before `?`), still percent-encoded. For absolute-form targets the scheme and
    /// authority are removed (RFC 9112 §3.2.2).
    public var path: Substring {
        var rest = Substring(target)
        if rest.utf8.first == UInt8(ascii: "/") {
            guard let query = rest.utf8.firstIndex(of: UInt8(ascii: "?")) else { return rest }
            return rest[..<query]
        }
        if let schemeEnd = rest.firstRange(of: "://") {
            rest = rest[schemeEnd.upperBound...]
            rest = rest.firstIndex(of: "/").map { rest[$0...] } ?? "/"
        }
        if let query = rest.firstIndex(of: "?") { rest = rest[..<query] }
        return rest
    }

    /// The target's query (after `?`), if any.
    public var query: Substring? {
        guard let mark = target.firstIndex(of: "?") else { return nil }
        return target[target.index(after: mark)...]
    }
}
