public import MIMEDir

/// Why vCard data was refused (RFC 6352 §6.3.2.1, RFC 6350 §6).
public enum VCardValidationError: Error, Sendable, Hashable {
    /// The content lines do not parse, including BEGIN/END pairing (RFC 6350 §3.3).
    case unparsable(MIMEDirError)
    /// A top-level component is not VCARD (RFC 6350 §6.1.1).
    case notVCard(found: String, line: Int)
    /// More than one VCARD in one address object resource (RFC 6352 §5.1).
    case multipleCards(line: Int)
    /// VERSION is missing (RFC 6350 §6.7.9).
    case missingVersion(line: Int)
    /// VERSION is not 3.0 or 4.0 (RFC 6352 §5.1.1).
    case unsupportedVersion(String, line: Int)
    /// UID is missing (RFC 6352 §5.1).
    case missingUID(line: Int)
    /// UID occurs more than once (RFC 6350 §6.7.6).
    case multipleUIDs(line: Int)
    /// A property value is malformed, e.g. undecodable inline PHOTO data (RFC 6350 §6.2.4).
    case invalidValue(property: String, line: Int)

    /// The precondition element to return in the 403 body (RFC 6352 §6.3.2.1).
    public var precondition: CardDAVPrecondition {
        if case .unsupportedVersion = self { return .supportedAddressData }
        return .validAddressData
    }

    /// The 1-based source line the problem refers to.
    public var line: Int {
        switch self {
        case .unparsable(let error): error.line
        case .notVCard(_, let line), .multipleCards(let line), .missingVersion(let line),
            .unsupportedVersion(_, let line), .missingUID(let line), .multipleUIDs(let line),
            .invalidValue(_, let line):
            line
        }
    }

    /// A one-line description for logs, error bodies and `kalends ical check`.
    public var message: String {
        switch self {
        case .unparsable(let error): error.message
        case .notVCard(let found, _): "expected BEGIN:VCARD, found \(found)"
        case .multipleCards: "more than one VCARD in one resource"
        case .missingVersion: "VCARD has no VERSION"
        case .unsupportedVersion(let version, _): "unsupported vCard VERSION \(version)"
        case .missingUID: "VCARD has no UID"
        case .multipleUIDs: "VCARD has more than one UID"
        case .invalidValue(let property, _): "invalid \(property) value"
        }
    }
}
