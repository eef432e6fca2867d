/// An HTTP request method (RFC 9110 §9), open-ended so WebDAV, CalDAV and extensions can add their own.
///
/// Method names are case-sensitive tokens; `GET` and `get` are different methods.
public struct HTTPMethod: RawRepresentable, Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The method token as it appears on the request line.
    public let rawValue: String

    /// Creates a method from its token.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Creates a method from a string literal.
    public init(stringLiteral value: String) { self.rawValue = value }

    /// The token.
    public var description: String { rawValue }

    /// RFC 9110 §9.3.1.
    public static let get: Self = "GET"
    /// RFC 9110 §9.3.2.
    public static let head: Self = "HEAD"
    /// RFC 9110 §9.3.3.
    public static let post: Self = "POST"
    /// RFC 9110 §9.3.4.
    public static let put: Self = "PUT"
    /// RFC 9110 §9.3.5.
    public static let delete: Self = "DELETE"
    /// RFC 9110 §9.3.7.
    public static let options: Self = "OPTIONS"
    /// RFC 9110 §9.3.6; never served.
    public static let connect: Self = "CONNECT"
    /// RFC 9110 §9.3.8; never served.
    public static let trace: Self = "TRACE"
    /// RFC 4918 §9.1.
    public static let propfind: Self = "PROPFIND"
    /// RFC 4918 §9.2.
    public static let proppatch: Self = "PROPPATCH"
    /// RFC 4918 §9.3.
    public static let mkcol: Self = "MKCOL"
    /// RFC 4918 §9.8.
    public static let copy: Self = "COPY"
    /// RFC 4918 §9.9.
    public static let move: Self = "MOVE"
    /// RFC 4918 §9.10.
    public static let lock: Self = "LOCK"
    /// RFC 4918 §9.11.
    public static let unlock: Self = "UNLOCK"
    /// RFC 3253 §3.6.
    public static let report: Self = "REPORT"
    /// RFC 4791 §5.3.1.
    public static let mkcalendar: Self = "MKCALENDAR"
}
