/// A typed recurrence rule: the RECUR value of RFC 5545 §3.3.10 as used by RRULE (§3.8.5.3).
///
/// Parse it with `RecurrenceRule(parsing:limits:strictness:)`, write it with `text`, expand it
/// with `RecurrenceIterator`.
public struct RecurrenceRule: Sendable, Hashable {
    /// `FREQ` (RFC 5545 §3.3.10), ordered from the finest to the coarsest period.
    public enum Frequency: Int, Sendable, Hashable, Comparable, CaseIterable {
        case secondly = 0, minutely, hourly, daily, weekly, monthly, yearly

        /// The keyword used in the RECUR text (RFC 5545 §3.3.10 `freq`).
        public var keyword: String {
            switch self {
            case .secondly: "SECONDLY"
            case .minutely: "MINUTELY"
            case .hourly: "HOURLY"
            case .daily: "DAILY"
            case .weekly: "WEEKLY"
            case .monthly: "MONTHLY"
            case .yearly: "YEARLY"
            }
        }

        /// Parses a `FREQ` keyword case-insensitively (RFC 5545 §3.3.10).
        public init?(keyword: some StringProtocol) {
            switch keyword.uppercased() {
            case "SECONDLY": self = .secondly
            case "MINUTELY": self = .minutely
            case "HOURLY": self = .hourly
            case "DAILY": self = .daily
            case "WEEKLY": self = .weekly
            case "MONTHLY": self = .monthly
            case "YEARLY": self = .yearly
            default: return nil
            }
        }

        /// Orders from finest (SECONDLY) to coarsest (YEARLY) (RFC 5545 §3.3.10).
        public static func < (lhs: Frequency, rhs: Frequency) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// One `BYDAY` entry (RFC 5545 §3.3.10 `weekdaynum`): a weekday with an optional ordinal
    /// such as `-1SU` (last Sunday) or `2MO` (second Monday).
    public struct WeekdayNumber: Sendable, Hashable {
        /// The ordinal within the month or year, ±1…±53; 0 means every such weekday (RFC 5545 §3.3.10).
        public var ordinal: Int
        /// The weekday (RFC 5545 §3.3.10).
        public var weekday: Weekday

        /// Creates a `BYDAY` entry (RFC 5545 §3.3.10).
        public init(_ weekday: Weekday, ordinal: Int = 0) {
            self.ordinal = ordinal
            self.weekday = weekday
        }

        /// The RECUR text of this entry, e.g. `-1SU` (RFC 5545 §3.3.10).
        public var text: String { ordinal == 0 ? weekday.code : String(ordinal) + weekday.code }
    }

    /// The `UNTIL` bound (RFC 5545 §3.3.10): a DATE, a floating DATE-TIME or a UTC DATE-TIME.
    public enum Until: Sendable, Hashable {
        /// A DATE: instances on or before that day.
        case date(CivilDateTime)
        /// A local (floating) DATE-TIME, compared on the local time line.
        case local(CivilDateTime)
        /// A UTC DATE-TIME, compared as an instant.
        case utc(CivilDateTime)

        /// The civil value regardless of form (RFC 5545 §3.3.10).
        public var value: CivilDateTime {
            switch self {
            case .date(let value), .local(let value), .utc(let value): value
            }
        }

        /// The RECUR text, e.g. `19971224T000000Z` (RFC 5545 §3.3.10).
        public var text: String {
            switch self {
            case .date(let value): ICalText.date(value)
            case .local(let value): ICalText.dateTime(value)
            case .utc(let value): ICalText.dateTime(value) + "Z"
            }
        }
    }

    /// `FREQ` (RFC 5545 §3.3.10).
    public var frequency: Frequency
    /// `INTERVAL`, at least 1 (RFC 5545 §3.3.10).
    public var interval: Int = 1
    /// `COUNT`, if any (RFC 5545 §3.3.10).
    public var count: Int?
    /// `UNTIL`, if any (RFC 5545 §3.3.10).
    public var until: Until?
    /// `BYSECOND` values, 0–60 (RFC 5545 §3.3.10).
    public var bySecond: [Int] = []
    /// `BYMINUTE` values, 0–59 (RFC 5545 §3.3.10).
    public var byMinute: [Int] = []
    /// `BYHOUR` values, 0–23 (RFC 5545 §3.3.10).
    public var byHour: [Int] = []
    /// `BYDAY` entries (RFC 5545 §3.3.10).
    public var byDay: [WeekdayNumber] = []
    /// `BYMONTHDAY` values, ±1…±31 (RFC 5545 §3.3.10).
    public var byMonthDay: [Int] = []
    /// `BYYEARDAY` values, ±1…±366 (RFC 5545 §3.3.10).
    public var byYearDay: [Int] = []
    /// `BYWEEKNO` values, ±1…±53 (RFC 5545 §3.3.10).
    public var byWeekNo: [Int] = []
    /// `BYMONTH` values, 1–12 (RFC 5545 §3.3.10).
    public var byMonth: [Int] = []
    /// `BYSETPOS` values, ±1…±366 (RFC 5545 §3.3.10).
    public var bySetPos: [Int] = []
    /// `WKST` as written; nil means the default, Monday (RFC 5545 §3.3.10).
    public var weekStart: Weekday?
    /// `RSCALE` (RFC 7529) as written; only GREGORIAN can be expanded today.
    public var calendarScale: String?
    /// `SKIP` (RFC 7529) as written.
    public var skip: String?

    /// Creates a rule of the given frequency with no other parts (RFC 5545 §3.3.10).
    public init(frequency: Frequency) { self.frequency = frequency }

    /// The effective week start (RFC 5545 §3.3.10: Monday when `WKST` is absent).
    public var effectiveWeekStart: Weekday { weekStart ?? .monday }

    /// Whether the rule has neither `COUNT` nor `UNTIL`, i.e. repeats forever (RFC 5545 §3.3.10).
    public var isUnbounded: Bool { count == nil && until == nil }
}
