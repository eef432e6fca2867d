/// The output formats of `kalends ical convert` for vCard data (RFC 2426, RFC 6350, RFC 7095, RFC 6351).
public enum VCardOutputFormat: String, Sendable, Hashable, CaseIterable {
    /// vCard 3.0 text (RFC 2426).
    case vcard3
    /// vCard 4.0 text (RFC 6350).
    case vcard4
    /// jCard JSON (RFC 7095).
    case jcard
    /// xCard XML (RFC 6351).
    case xcard
}
