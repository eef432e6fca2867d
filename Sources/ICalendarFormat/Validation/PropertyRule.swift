/// How ``CalendarObjectValidator`` checks a property of a calendar component, looked up once per property
/// by its upper-case name (RFC 5545 §3.6.1–3.6.3 cardinality, §3.3 value types).
struct PropertyRule {
    /// Which value check applies (RFC 5545 §3.3).
    enum Check {
        /// A DATE or DATE-TIME (§3.3.4, §3.3.5), with the role it plays for the cross-property rules.
        case dateTime(Role)
        /// A non-negative DURATION (§3.3.6, §3.8.2.5).
        case duration
        /// A comma-separated DATE / DATE-TIME list (§3.8.5.1).
        case exceptionDates
        /// A comma-separated DATE / DATE-TIME / PERIOD list (§3.8.5.2).
        case recurrenceDates
        /// An INTEGER (§3.3.8).
        case integer
        /// Only an explicit VALUE parameter is checked (§3.2.20).
        case declared
    }

    /// What a DATE / DATE-TIME property means for the DTSTART/DTEND/DUE rules (RFC 5545 §3.6.1, §3.6.2).
    enum Role {
        case start
        case end
        case other
    }

    /// A bit per property that may occur at most once in a component, or 0 (RFC 5545 §3.6.1–3.6.3).
    var singletonBit: UInt16
    /// The value check.
    var check: Check

    /// The rule for an upper-case property name; unknown names only get their VALUE parameter checked.
    static func named(_ upperName: String) -> PropertyRule {
        table[upperName] ?? PropertyRule(singletonBit: 0, check: .declared)
    }

    private static let table: [String: PropertyRule] = [
        "UID": PropertyRule(singletonBit: 1 << 0, check: .declared),
        "DTSTART": PropertyRule(singletonBit: 1 << 1, check: .dateTime(.start)),
        "DTEND": PropertyRule(singletonBit: 1 << 2, check: .dateTime(.end)),
        "DUE": PropertyRule(singletonBit: 1 << 3, check: .dateTime(.end)),
        "DURATION": PropertyRule(singletonBit: 1 << 4, check: .duration),
        "RECURRENCE-ID": PropertyRule(singletonBit: 1 << 5, check: .dateTime(.other)),
        "SEQUENCE": PropertyRule(singletonBit: 1 << 6, check: .integer),
        "DTSTAMP": PropertyRule(singletonBit: 1 << 7, check: .dateTime(.other)),
        "CLASS": PropertyRule(singletonBit: 1 << 8, check: .declared),
        "TRANSP": PropertyRule(singletonBit: 1 << 9, check: .declared),
        "STATUS": PropertyRule(singletonBit: 1 << 10, check: .declared),
        "CREATED": PropertyRule(singletonBit: 1 << 11, check: .dateTime(.other)),
        "LAST-MODIFIED": PropertyRule(singletonBit: 1 << 12, check: .dateTime(.other)),
        "COMPLETED": PropertyRule(singletonBit: 0, check: .dateTime(.other)),
        "EXDATE": PropertyRule(singletonBit: 0, check: .exceptionDates),
        "RDATE": PropertyRule(singletonBit: 0, check: .recurrenceDates),
        "PRIORITY": PropertyRule(singletonBit: 0, check: .integer),
        "PERCENT-COMPLETE": PropertyRule(singletonBit: 0, check: .integer),
    ]
}
