public import HTTPWire

/// What the server calls for every request, on one of its worker threads.
///
/// Implementations are synchronous: they may block on the database, files or the request body stream. They
/// never throw; errors become responses in the application's one error renderer.
public protocol HTTPResponder: Sendable {
    /// Produces the response to `request`. The body stream may be read in full, in part or not at all.
    func respond(to request: HTTPRequest) -> HTTPResponse
}

/// One finished request, for the access log.
public struct AccessLogEntry: Sendable {
    /// The method.
    public var method: HTTPMethod
    /// The request target as sent.
    public var target: String
    /// The status sent.
    public var status: Int
    /// Body bytes sent (after compression).
    public var bytesSent: Int64
    /// Seconds from the complete head to the last byte written.
    public var duration: Double
    /// The authenticated user, if the application named one.
    public var user: String?
    /// The client's address.
    public var remoteAddress: String
}
