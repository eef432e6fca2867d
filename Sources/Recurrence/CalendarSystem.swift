/// The calendar arithmetic the expansion engine needs (RFC 7529 §4: a rule's `RSCALE` selects it).
///
/// The engine works on day numbers (days since 1970-01-01 in the proleptic Gregorian calendar,
/// which any calendar can map to) and asks the calendar system only for its own year/month/day
/// structure. Only the Gregorian system exists today; a Hebrew or Chinese one for RSCALE would
/// implement this protocol (leap months and `SKIP` would extend it).
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
}
