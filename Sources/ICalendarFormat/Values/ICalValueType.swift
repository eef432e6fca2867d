import MIMEDir

/// The iCalendar value types (RFC 5545 §3.3, §3.2.20 VALUE parameter) with syntax checks for each.
public enum ICalValueType: String, Sendable, Hashable, CaseIterable {
    /// BINARY, base64 (RFC 5545 §3.3.1).
    case binary = "BINARY"
    /// BOOLEAN (RFC 5545 §3.3.2).
    case boolean = "BOOLEAN"
    /// CAL-ADDRESS, a URI (RFC 5545 §3.3.3).
    case calAddress = "CAL-ADDRESS"
    /// DATE (RFC 5545 §3.3.4).
    case date = "DATE"
    /// DATE-TIME (RFC 5545 §3.3.5).
    case dateTime = "DATE-TIME"
    /// DURATION (RFC 5545 §3.3.6).
    case duration = "DURATION"
    /// FLOAT (RFC 5545 §3.3.7).
    case float = "FLOAT"
    /// INTEGER (RFC 5545 §3.3.8).
    case integer = "INTEGER"
    /// PERIOD (RFC 5545 §3.3.9).
    case period = "PERIOD"
    /// RECUR (RFC 5545 §3.3.10); parsed by the Recurrence module, only its `NAME=VALUE;…` shape is checked here.
    case recur = "RECUR"
    /// TEXT (RFC 5545 §3.3.11).
    case text = "TEXT"
    /// TIME (RFC 5545 §3.3.12).
    case time = "TIME"
    /// URI (RFC 5545 §3.3.13).
    case uri = "URI"
    /// UTC-OFFSET (RFC 5545 §3.3.14).
    case utcOffset = "UTC-OFFSET"

    /// Looks up a VALUE parameter value, ignoring case; nil for unknown (x-name / iana-token) types.
    public init?(parameterValue: String) {
        self.init(rawValue: parameterValue.uppercased())
    }

    /// The default value type of a property defined in RFC 5545 §3.7–3.8 and RFC 7986 §5 (TEXT otherwise).
    public static func defaultType(ofProperty name: String) -> ICalValueType {
        switch name.uppercased() {
        case "DTSTART", "DTEND", "DUE", "RECURRENCE-ID", "EXDATE", "RDATE", "DTSTAMP", "CREATED", "LAST-MODIFIED",
            "COMPLETED":
            .dateTime
        case "DURATION", "TRIGGER", "REFRESH-INTERVAL": .duration
        case "FREEBUSY": .period
        case "TZOFFSETFROM", "TZOFFSETTO": .utcOffset
        case "SEQUENCE", "PRIORITY", "PERCENT-COMPLETE", "REPEAT": .integer
        case "GEO": .float
        case "RRULE", "EXRULE": .recur
        case "ORGANIZER", "ATTENDEE": .calAddress
        case "URL", "TZURL", "ATTACH", "SOURCE", "IMAGE", "CONFERENCE": .uri
        default: .text
        }
    }

    /// Whether `value` (one value, not a comma-separated list) is syntactically valid for this type.
    public func accepts(_ value: String) -> Bool {
        switch self {
        case .binary: Base64Check.isBase64(value)
        case .boolean: NameComparison.equal(value, "TRUE") || NameComparison.equal(value, "FALSE")
        case .calAddress, .uri: value.contains(":")
        case .date: ICalDateTime.parse(value)?.isDate == true
        case .dateTime: ICalDateTime.parse(value).map { !$0.isDate } ?? false
        case .duration: ICalDuration.parse(value) != nil
        case .float: Self.isFloat(value)
        case .integer: Int(value).map { $0 >= Int(Int32.min) && $0 <= Int(Int32.max) } ?? false
        case .period: ICalPeriod.parse(value) != nil
        case .recur: value.split(separator: ";").allSatisfy { $0.contains("=") } && !value.isEmpty
        case .text: true
        case .time: ICalDateTime.parse("19700101T" + value).map { !$0.isDate } ?? false
        case .utcOffset: UTCOffset.parse(value) != nil
        }
    }

    private static func isFloat(_ value: String) -> Bool {
        var bytes = Substring(value).utf8[...]
        if let first = bytes.first, first == 0x2B || first == 0x2D { bytes = bytes.dropFirst() }
        let parts = bytes.split(separator: 0x2E, maxSplits: 1, omittingEmptySubsequences: false)
        guard !parts.isEmpty, !parts[0].isEmpty else { return false }
        return parts.allSatisfy { $0.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
            && (parts.count == 1 || !parts[1].isEmpty)
    }
}
