public import ICalendarFormat
import MIMEDir

extension RecurrenceSet {
    /// The recurrence sets of a calendar object (RFC 4791 §4.1): its VEVENTs, VTODOs and VJOURNALs
    /// grouped by UID, the component without RECURRENCE-ID as master and the others as overrides.
    /// VTIMEZONEs of the object resolve its TZIDs; floating and DATE values use `floatingZone`.
    public static func sets(
        in calendar: VCalendar,
        floatingZone: ResolvedTimeZone = .utc,
        limits: ExpansionLimits = .default
    ) throws(RecurrenceSetError) -> [RecurrenceSet] {
        let resolver = TimeZoneResolver(calendar: calendar)
        var result: [RecurrenceSet] = []
        for kind in [ComponentKind.event, .todo, .journal] {
            let views: [any CalendarComponentView] =
                switch kind {
                case .event: calendar.events
                case .todo: calendar.todos
                case .journal: calendar.journals
                }
            var order: [String] = []
            var groups: [String: (master: (any CalendarComponentView)?, overrides: [any CalendarComponentView])] = [:]
            for (index, view) in views.enumerated() {
                let uid = view.uid ?? "\u{0}\(index)"
                if groups[uid] == nil {
                    order.append(uid)
                    groups[uid] = (nil, [])
                }
                if view.component.property("RECURRENCE-ID") == nil {
                    groups[uid]?.master = view
                } else {
                    groups[uid]?.overrides.append(view)
                }
            }
            for uid in order {
                guard let group = groups[uid] else { continue }
                result.append(
                    try RecurrenceSet(
                        kind: kind,
                        master: group.master,
                        overrides: group.overrides,
                        resolver: resolver,
                        floatingZone: floatingZone,
                        limits: limits
                    )
                )
            }
        }
        return result
    }
}
