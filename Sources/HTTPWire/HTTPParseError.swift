/// Why a request could not be read; each case maps to the status to answer before closing the connection.
public enum HTTPParseError: Error, Sendable, Equatable {
    /// The request line is not `method SP target SP version` (RFC 9112 §3).
    case malformedRequestLine
    /// The request line exceeds `HTTPLimits.maxRequestLineLength`.
    case requestLineTooLong
    /// A header line is not `name: value`, has whitespace before the colon, or a bad character (RFC 9112 §5).
    case malformedHeader
    /// A header line starts with whitespace: obsolete line folding, rejected per RFC 9112 §5.2.
    case foldedHeader
    /// The header block exceeds `HTTPLimits.maxHeaderBlockSize` or `maxHeaderCount`.
    case headerBlockTooLarge
    /// The version is not HTTP/1.0 or HTTP/1.1.
    case unsupportedVersion
    /// Content-Length is not a valid number, or several disagree (RFC 9112 §6.3).
    case invalidContentLength
    /// Transfer-Encoding other than a final `chunked`, or combined with Content-Length (RFC 9112 §6.1).
    case unsupportedTransferEncoding
    /// A chunked body is malformed (RFC 9112 §7.1).
    case malformedChunkedBody
    /// HTTP/1.1 without a Host header, or more than one (RFC 9112 §3.2).
    case missingOrDuplicateHost
    /// The body exceeds `HTTPLimits.maxBodySize`.
    case bodyTooLarge
    /// A gzip-encoded request body does not decode.
    case malformedContentEncoding
    /// A Content-Encoding other than gzip/identity.
    case unsupportedContentEncoding

    /// The status to answer with.
    public var status: HTTPStatus {
        switch self {
        case .requestLineTooLong: .uriTooLong
        case .headerBlockTooLarge: .requestHeaderFieldsTooLarge
        case .unsupportedVersion: .httpVersionNotSupported
        case .unsupportedTransferEncoding: .notImplemented
        case .bodyTooLarge: .contentTooLarge
        case .unsupportedContentEncoding: .unsupportedMediaType
        default: .badRequest
        }
    }
}
