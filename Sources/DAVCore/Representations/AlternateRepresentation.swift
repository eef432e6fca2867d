public import HTTPWire

/// Another form a stored object can be sent in when the client's `Accept` asks for it (RFC 9110 §12.5.1): jCal
/// or xCal for iCalendar (RFC 7265, RFC 6321), another vCard version or jCard for a vCard (RFC 6352 §5.1.1,
/// RFC 7095). The stored bytes stay the canonical representation.
public protocol AlternateRepresentation: Sendable {
    /// The stored media type this applies to, e.g. `text/calendar`.
    var storedMediaType: String { get }

    /// The bytes and media type to send for a request's `Accept` (and protocol headers such as RFC 7809's
    /// `CalDAV-Timezones`); nil when the stored form is what the client prefers (or nothing offered is
    /// acceptable — then the stored form is sent as well, RFC 9110 §12.5.1).
    func representation(of stored: [UInt8], for headers: HTTPHeaders) throws -> (bytes: [UInt8], mediaType: String)?
}
