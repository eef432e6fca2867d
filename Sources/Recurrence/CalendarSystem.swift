/// The calendar arithmetic the expansion engine needs (RFC 7529 §4: a rule's `RSCALE` selects it).
///
/// The engine works on day numbers (days since 1970-01-01 in the proleptic Gregorian calendar,
/// which any calendar can map to) and asks the calendar system only for its own year/month/day
/// structure: `PeriodEngine` takes years, months, month steps (MONTHLY) and year lengths (BYYEARDAY)
/// from here. Only the Gregorian system exists today; a Hebrew or Chinese one for RSCALE would
/// implement this protocol, and `RecurrenceIterator` would pick it from the rule's RSCALE instead of
/// refusing it. What stays Gregorian-only by design: ISO week numbers (BYWEEKNO is not defined for
/// other scales, RFC 7529 §4.2), and leap months (`5L`) and `SKIP`, which would add requirements here.
protocol CalendarSystem: Sendable {
    /// Months in a year of this calendar.
    func monthsInYear(_ year: Int) -> Int
    /// Days in a month of this calendar.
    func daysInMonth(year: Int, month: Int) -> Int
    /// Days in a year of this calendar.
    func daysInYear(_ year: Int) -> Int
    /// The day number of a date in this calendar.
    func dayNumber(year: Int, month: Int, day: Int) -> Int64
    /// The date in this calendar of a day number.
    func date(ofDayNumber dayNumber: Int64) -> (year: Int, month: Int, day: Int)
    /// A running month count, so that MONTHLY steps are additions (RFC 5545 §3.3.10 INTERVAL).
    func monthIndex(year: Int, month: Int) -> Int64
    /// The year and month of a running month count.
    func yearAndMonth(ofMonthIndex index: Int64) -> (year: Int, month: Int)
}

/// The proleptic Gregorian calendar of RFC 5545 (`CALSCALE:GREGORIAN`, `RSCALE=GREGORIAN`).
struct GregorianCalendar: CalendarSystem {
    @inline(__always) func monthsInYear(_ year: Int) -> Int { 12 }
    @inline(__always) func daysInMonth(year: Int, month: Int) -> Int {
        GregorianMath.daysInMonth(year: year, month: month)
    }
    @inline(__always) func daysInYear(_ year: Int) -> Int { GregorianMath.daysInYear(year) }
    @inline(__always) func dayNumber(year: Int, month: Int, day: Int) -> Int64 {
        GregorianMath.dayNumber(year: year, month: month, day: day)
    }
    @inline(__always) func date(ofDayNumber dayNumber: Int64) -> (year: Int, month: Int, day: Int) {
        GregorianMath.civil(fromDayNumber: dayNumber)
    }
    @inline(__always) func monthIndex(year: Int, month: Int) -> Int64 { Int64(year) * 12 + Int64(month - 1) }
    @inline(__always) func yearAndMonth(ofMonthIndex index: Int64) -> (year: Int, month: Int) {
        (Int(GregorianMath.floorDiv(index, 12)), Int(GregorianMath.floorMod(index, 12)) + 1)
    }
}
