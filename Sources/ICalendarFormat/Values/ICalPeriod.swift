/// A PERIOD value (RFC 5545 §3.3.9): a start and either an end or a duration.
public struct ICalPeriod: Sendable, Hashable {
    /// How the period ends (RFC 5545 §3.3.9 `period-explicit` / `period-start`).
    public enum End: Sendable, Hashable {
        /// An explicit end date-time.
        case dateTime(ICalDateTime)
        /// A positive duration from the start.
        case duration(ICalDuration)
    }

    /// The start (a DATE-TIME).
    public var start: ICalDateTime
    /// The end or duration.
    public var end: End

    /// Creates a period (RFC 5545 §3.3.9).
    public init(start: ICalDateTime, end: End) {
        self.start = start
        self.end = end
    }

    /// Parses `start/end` or `start/duration` (RFC 5545 §3.3.9); `tzid` applies to local times.
    public static func parse(_ text: String, tzid: String? = nil) -> ICalPeriod? {
        guard let slash = text.firstIndex(of: "/") else { return nil }
        guard let start = ICalDateTime.parse(String(text[..<slash]), tzid: tzid), !start.isDate else { return nil }
        let rest = String(text[text.index(after: slash)...])
        if let first = rest.utf8.first, first == 0x50 || first == 0x2B || first == 0x2D || first == 0x70 {
            guard let duration = ICalDuration.parse(rest), !duration.isNegative else { return nil }
            return ICalPeriod(start: start, end: .duration(duration))
        }
        guard let end = ICalDateTime.parse(rest, tzid: tzid), !end.isDate else { return nil }
        return ICalPeriod(start: start, end: .dateTime(end))
    }

    /// The text `start/end` or `start/duration` (RFC 5545 §3.3.9).
    public var valueText: String {
        switch end {
        case .dateTime(let end): start.valueText + "/" + end.valueText
        case .duration(let duration): start.valueText + "/" + duration.valueText
        }
    }
}
