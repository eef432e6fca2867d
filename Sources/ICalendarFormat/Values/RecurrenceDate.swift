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
