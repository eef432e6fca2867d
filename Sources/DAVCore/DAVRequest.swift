public import HTTPWire

/// A request as DAV method handlers see it: the HTTP request, its normalised path and who sent it.
public struct DAVRequest {
    /// The underlying request (head and body stream).
    public var http: HTTPRequest
    /// The normalised target path.
    public var path: DAVPath
    /// The authenticated principal.
    public var principal: Principal

    /// Creates a request.
    public init(http: HTTPRequest, path: DAVPath, principal: Principal) {
        self.http = http
        self.path = path
        self.principal = principal
    }

    /// The method.
    public var method: HTTPMethod { http.head.method }
    /// The headers.
    public var headers: HTTPHeaders { http.head.headers }

    /// Whether the request carries a body (framing says so).
    public var hasBody: Bool { http.head.bodyFraming != .none }
}

/// What every handler can reach: the backend and the server's limits.
public struct DAVContext: Sendable {
    /// The resource store, with access control.
    public var backend: any DAVBackend
    /// Largest body a handler parses in memory (XML, iCalendar); file uploads stream instead.
    public var maxParsedBodySize: Int

    /// Creates a context.
    public init(backend: any DAVBackend, maxParsedBodySize: Int = 16 << 20) {
        self.backend = backend
        self.maxParsedBodySize = maxParsedBodySize
    }
}

/// One HTTP method's semantics (one type per file under `Methods/`).
public protocol MethodHandler: Sendable {
    /// The method served.
    var method: HTTPMethod { get }
    /// Handles the request; throws `DAVError` for client-visible failures.
    func handle(_ request: DAVRequest, in context: DAVContext) throws -> HTTPResponse
}
