public import MIMEDir

/// One RDATE value (RFC 5545 §3.8.5.2): a DATE, a DATE-TIME or a PERIOD.
public enum RecurrenceDate: Sendable, Hashable {
    /// A DATE or DATE-TIME instance start.
    case dateTime(ICalDateTime)
    /// A PERIOD giving start and end of the instance.
    case period(ICalPeriod)

    /// The instance start.
    public var start: ICalDateTime {
        switch self {
        case .dateTime(let value): value
        case .period(let period): period.start
        }
    }

    /// All values of an RDATE property (comma-separated, honouring `VALUE` and `TZID`); nil if any is malformed.
    public static func values(of property: Property) -> [RecurrenceDate]? {
        let isPeriod = property.parameterValue("VALUE").map { NameComparison.equal($0, "PERIOD") } ?? false
        let tzid = property.parameterValue("TZID")
        var result: [RecurrenceDate] = []
        for text in property.value.split(separator: ",", omittingEmptySubsequences: true) {
            let item = String(text).trimmingSpaces
            if isPeriod || item.contains("/") {
                guard let period = ICalPeriod.parse(item, tzid: tzid) else { return nil }
                result.append(.period(period))
            } else {
                guard let value = ICalDateTime(text: item, property: property) else { return nil }
                result.append(.dateTime(value))
            }
        }
        return result
    }
}

/// A RECURRENCE-ID (RFC 5545 §3.8.4.4) with its optional `RANGE=THISANDFUTURE`.
public struct RecurrenceIdentifier: Sendable, Hashable {
    /// The original start of the overridden instance.
    public var dateTime: ICalDateTime
    /// True for `RANGE=THISANDFUTURE` (RFC 5545 §3.2.13).
    public var thisAndFuture: Bool

    /// Creates a recurrence identifier (RFC 5545 §3.8.4.4).
    public init(dateTime: ICalDateTime, thisAndFuture: Bool = false) {
        self.dateTime = dateTime
        self.thisAndFuture = thisAndFuture
    }
}

extension String {
    /// The string without leading and trailing ASCII spaces and tabs.
    var trimmingSpaces: String {
        let bytes = utf8
        guard let first = bytes.firstIndex(where: { $0 != 0x20 && $0 != 0x09 }),
            let last = bytes.lastIndex(where: { $0 != 0x20 && $0 != 0x09 })
        else { return "" }
        if first == bytes.startIndex && last == bytes.index(before: bytes.endIndex) { return self }
        return String(self[first...last])
    }
}
