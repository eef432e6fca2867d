/// The vCard versions this module reads and writes (RFC 2426 §3.6.9, RFC 6350 §6.7.9).
public enum VCardVersion: String, Sendable, Hashable, CaseIterable {
    /// vCard 3.0 (RFC 2426).
    case v3 = "3.0"
    /// vCard 4.0 (RFC 6350).
    case v4 = "4.0"

    /// The media type for CardDAV content negotiation (RFC 6352 §5.1.1).
    public var mediaType: String {
        switch self {
        case .v3: "text/vcard; version=3.0"
        case .v4: "text/vcard; version=4.0"
        }
    }
}
