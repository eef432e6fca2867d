import ICalendarFormat
import Recurrence

/// Conversions between iCalendar DATE / DATE-TIME values and UTC seconds (RFC 5545 §3.3.4–§3.3.5), with
/// floating and DATE values read in the query's time zone (RFC 4791 §9.9).
enum CalendarTime {
    /// The zone a value is read in: UTC, its TZID (VTIMEZONE of the object or the tz database), else `floating`.
    static func zone(of value: ICalDateTime, resolver: TimeZoneResolver, floating: ResolvedTimeZone)
        -> ResolvedTimeZone
    {
        switch value.form {
        case .utc: .utc
        case .date, .floating: floating
        case .local(let tzid): resolver.zone(forTZID: tzid) ?? floating
        }
    }

    /// The UTC seconds of a value (a DATE means its midnight) (RFC 4791 §9.9).
    static func seconds(of value: ICalDateTime, resolver: TimeZoneResolver, floating: ResolvedTimeZone) -> Int64 {
        zone(of: value, resolver: resolver, floating: floating).utc(fromLocal: CivilDateTime(value).timestamp)
    }

    /// A UTC DATE-TIME (form #2) for UTC seconds (RFC 5545 §3.3.5).
    static func utcDateTime(_ seconds: Int64) -> ICalDateTime {
        dateTime(LocalTimestamp(secondsSinceEpoch: seconds).civil, form: .utc)
    }

    /// An iCalendar value with the fields of `civil` in `form` (RFC 5545 §3.3.5).
    static func dateTime(_ civil: CivilDateTime, form: ICalDateTime.Form) -> ICalDateTime {
        ICalDateTime(
            year: civil.year,
            month: civil.month,
            day: civil.day,
            hour: form == .date ? 0 : civil.hour,
            minute: form == .date ? 0 : civil.minute,
            second: form == .date ? 0 : civil.second,
            form: form
        )
    }
}
