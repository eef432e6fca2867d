public import ICalendarFormat
import MIMEDir
public import Recurrence

extension CalendarFilter {
    /// Whether a calendar object passes this filter (RFC 4791 §9.7).
    ///
    /// Floating and DATE values are read in `floatingZone`: the query's CALDAV:timezone, else the collection's
    /// `calendar-timezone`, else UTC (RFC 4791 §9.9). Recurring components match when any instance overlaps a
    /// time range, overrides (RECURRENCE-ID) included; expansion starts at the range and is bounded by
    /// `limits`, so an unbounded rule costs work proportional to the window, not to its history. A component
    /// whose recurrence cannot be expanded (a rule the engine rejects, or more instances than the limits
    /// allow where it must enumerate them) passes its time-range test: a query then shows too much rather
    /// than hide data.
    public func matches(
        _ calendar: VCalendar,
        floatingZone: ResolvedTimeZone = .utc,
        limits: ExpansionLimits = .default
    ) -> Bool {
        guard calendar.component.matches(root.name) else { return false }
        let evaluator = FilterEvaluator(
            calendar: calendar,
            resolver: TimeZoneResolver(calendar: calendar),
            floating: floatingZone,
            limits: limits
        )
        return evaluator.passes(root, calendar.component, parent: nil)
    }
}
