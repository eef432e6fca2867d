public import ICalendarFormat

extension RecurrenceSet {
    /// The instance of a component that stands alone — no RRULE, RDATE or EXDATE and no overrides, so its
    /// recurrence set is its DTSTART alone (RFC 5545 §3.8.5) — as `instances(from: nil, to: nil)` of a set built
    /// from it would give it, without building the set. The caller tests it against a range with
    /// ``TimeRangeOverlap/overlaps(_:from:to:)`` (RFC 4791 §9.9).
    public static func singleInstance(
        of component: some CalendarComponentView,
        kind: ComponentKind,
        resolver: TimeZoneResolver,
        floatingZone: ResolvedTimeZone = .utc
    ) -> RecurrenceInstance {
        ComponentTiming(component, kind: kind, resolver: resolver, floating: floatingZone)
            .instance(recurrenceID: nil, overrideIndex: nil)
    }
}
