/// A day of the week, as used by `BYDAY` and `WKST` (RFC 5545 §3.3.10, `weekday`).
///
/// Raw values count from Monday (0) to Sunday (6), matching the ISO 8601 order.
public enum Weekday: Int, Sendable, Hashable, CaseIterable {
    case monday = 0, tuesday, wednesday, thursday, friday, saturday, sunday

    /// The two-letter iCalendar code (`MO`…`SU`) of RFC 5545 §3.3.10.
    public var code: String {
        switch self {
        case .monday: "MO"
        case .tuesday: "TU"
        case .wednesday: "WE"
        case .thursday: "TH"
        case .friday: "FR"
        case .saturday: "SA"
        case .sunday: "SU"
        }
    }

    /// Parses a two-letter iCalendar weekday code (RFC 5545 §3.3.10), case-insensitively.
    public init?(code: some StringProtocol) {
        switch code.uppercased() {
        case "MO": self = .monday
        case "TU": self = .tuesday
        case "WE": self = .wednesday
        case "TH": self = .thursday
        case "FR": self = .friday
        case "SA": self = .saturday
        case "SU": self = .sunday
        default: return nil
        }
    }

    /// The weekday of a day number (days since 1970-01-01, a Thursday); RFC 5545 §3.3.10.
    public init(dayNumber: Int64) {
        self = Weekday(rawValue: Int(GregorianMath.floorMod(dayNumber + 3, 7))) ?? .monday
    }
}

/// A civil (wall-clock) date and time without a time zone: the "floating" or local form of
/// RFC 5545 §3.3.5 DATE-TIME, or a DATE (§3.3.4) at midnight.
///
/// Ordering is chronological on the local time line.
public struct CivilDateTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Proleptic Gregorian year (RFC 5545 §3.3.5).
    public var year: Int
    /// Month, 1–12 (RFC 5545 §3.3.5).
    public var month: Int
    /// Day of the month, 1–31 (RFC 5545 §3.3.5).
    public var day: Int
    /// Hour, 0–23 (RFC 5545 §3.3.5).
    public var hour: Int
    /// Minute, 0–59 (RFC 5545 §3.3.5).
    public var minute: Int
    /// Second, 0–60 (RFC 5545 §3.3.12 allows a leap second).
    public var second: Int

    /// Creates a civil date-time (RFC 5545 §3.3.5); components are not validated (see `isValid`).
    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    /// Creates the civil date-time of a local timestamp (RFC 5545 §3.3.5).
    public init(_ timestamp: LocalTimestamp) {
        let seconds = timestamp.secondsSinceEpoch
        let days = GregorianMath.floorDiv(seconds, 86_400)
        let secondOfDay = Int(seconds - days * 86_400)
        let date = GregorianMath.civil(fromDayNumber: days)
        self.init(
            year: date.year,
            month: date.month,
            day: date.day,
            hour: secondOfDay / 3600,
            minute: secondOfDay / 60 % 60,
            second: secondOfDay % 60
        )
    }

    /// Whether the components name a real Gregorian date and time of day (RFC 5545 §3.3.4, §3.3.12).
    public var isValid: Bool {
        (1...12).contains(month) && day >= 1 && day <= GregorianMath.daysInMonth(year: year, month: month)
            && (0...23).contains(hour) && (0...59).contains(minute) && (0...60).contains(second)
    }

    /// The local timestamp of this date-time (RFC 5545 §3.3.5 form #1 on the floating time line).
    public var timestamp: LocalTimestamp {
        LocalTimestamp(
            secondsSinceEpoch: dayNumber * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        )
    }

    /// The day number (days since 1970-01-01) of the date part (RFC 5545 §3.3.4).
    public var dayNumber: Int64 { GregorianMath.dayNumber(year: year, month: month, day: day) }

    /// The weekday of the date part (RFC 5545 §3.3.10).
    public var weekday: Weekday { Weekday(dayNumber: dayNumber) }

    /// Basic-format text as in RFC 5545 §3.3.5 form #1, e.g. `19970902T090000`.
    public var description: String { ICalText.dateTime(self) }

    /// Chronological order on the local time line (RFC 5545 §3.3.5).
    public static func < (lhs: CivilDateTime, rhs: CivilDateTime) -> Bool {
        (lhs.year, lhs.month, lhs.day, lhs.hour, lhs.minute, lhs.second)
            < (rhs.year, rhs.month, rhs.day, rhs.hour, rhs.minute, rhs.second)
    }
}

/// A point on the local (floating) time line, in seconds since 1970-01-01T00:00:00 local time.
///
/// The engine's compact civil date-time representation (RFC 5545 §3.3.5 form #1); it becomes
/// an instant only once a time zone is applied. In UTC the value equals Unix time.
public struct LocalTimestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00 on the local time line (RFC 5545 §3.3.5).
    public var secondsSinceEpoch: Int64

    /// Wraps a number of local seconds (RFC 5545 §3.3.5).
    @inlinable
    public init(secondsSinceEpoch: Int64) { self.secondsSinceEpoch = secondsSinceEpoch }

    /// The day number (days since 1970-01-01) of this timestamp (RFC 5545 §3.3.4).
    public var dayNumber: Int64 { GregorianMath.floorDiv(secondsSinceEpoch, 86_400) }

    /// The civil date-time of this timestamp (RFC 5545 §3.3.5).
    public var civil: CivilDateTime { CivilDateTime(self) }

    /// Basic-format text as in RFC 5545 §3.3.5 form #1.
    public var description: String { civil.description }

    /// Chronological order (RFC 5545 §3.3.5).
    @inlinable
    public static func < (lhs: LocalTimestamp, rhs: LocalTimestamp) -> Bool {
        lhs.secondsSinceEpoch < rhs.secondsSinceEpoch
    }
}

/// Proleptic Gregorian calendar arithmetic on day numbers (days since 1970-01-01).
enum GregorianMath {
    /// Floor division for possibly negative numerators.
    @inline(__always)
    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q
    }

    /// Non-negative modulo for a positive divisor.
    @inline(__always)
    static func floorMod(_ a: Int64, _ b: Int64) -> Int64 { a - floorDiv(a, b) * b }

    @inline(__always)
    static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    @inline(__always)
    static func daysInYear(_ year: Int) -> Int { isLeap(year) ? 366 : 365 }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 1, 3, 5, 7, 8, 10, 12: 31
        case 4, 6, 9, 11: 30
        case 2: isLeap(year) ? 29 : 28
        default: 0
        }
    }

    /// Days since 1970-01-01 of a Gregorian date.
    static func dayNumber(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = floorDiv(y, 400)
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The Gregorian date of a day number.
    static func civil(fromDayNumber days: Int64) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = floorDiv(z, 146_097)
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = Int(doy - (153 * mp + 2) / 5 + 1)
        let month = Int(mp < 10 ? mp + 3 : mp - 9)
        let year = Int(yoe + era * 400) + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    /// The first day of week 1 of `year` when weeks start on `weekStart`: the week holding at
    /// least four days of the year (RFC 5545 §3.3.10 BYWEEKNO; ISO 8601 when it is Monday).
    static func firstDayOfWeekOne(year: Int, weekStart: Weekday) -> Int64 {
        let jan1 = dayNumber(year: year, month: 1, day: 1)
        let offset = Int64((Weekday(dayNumber: jan1).rawValue - weekStart.rawValue + 7) % 7)
        return offset <= 3 ? jan1 - offset : jan1 + (7 - offset)
    }
}
