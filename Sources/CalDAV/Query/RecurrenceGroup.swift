import ICalendarFormat
import MIMEDir
import Recurrence

/// The components of one kind sharing a UID in a calendar object (RFC 4791 §4.1): the master (no
/// RECURRENCE-ID) and its overrides, with the recurrence set they form (RFC 5545 §3.8.5).
struct RecurrenceGroup {
    /// The component type.
    var kind: ComponentKind
    /// The component without RECURRENCE-ID, if any.
    var master: Component?
    /// The components with RECURRENCE-ID, in object order.
    var overrides: [Component]

    /// A typed view of a component of `kind` (RFC 5545 §3.6).
    static func view(_ component: Component, kind: ComponentKind) -> any CalendarComponentView {
        switch kind {
        case .event: VEvent(component)
        case .todo: VTodo(component)
        case .journal: VJournal(component)
        }
    }

    /// The groups of `kind` in `calendar`, in object order of their first component (RFC 4791 §4.1).
    static func groups(in calendar: VCalendar, kind: ComponentKind) -> [RecurrenceGroup] {
        let components = calendar.component.components
        if let only = components.firstIndex(where: { $0.matches(kind.rawValue) }),
            !components[(only + 1)...].contains(where: { $0.matches(kind.rawValue) })
        {
            let component = components[only]
            let isOverride = component.property("RECURRENCE-ID") != nil
            return [
                RecurrenceGroup(
                    kind: kind,
                    master: isOverride ? nil : component,
                    overrides: isOverride ? [component] : []
                )
            ]
        }
        var order: [String] = []
        var groups: [String: RecurrenceGroup] = [:]
        for (index, component) in calendar.component.components.enumerated() where component.matches(kind.rawValue) {
            let uid = component.property("UID").map { TextEscaping.unescape($0.value) } ?? "\u{0}\(index)"
            if groups[uid] == nil {
                order.append(uid)
                groups[uid] = RecurrenceGroup(kind: kind, master: nil, overrides: [])
            }
            if component.property("RECURRENCE-ID") == nil {
                groups[uid]?.master = component
            } else {
                groups[uid]?.overrides.append(component)
            }
        }
        return order.compactMap { groups[$0] }
    }

    /// The instances of the group overlapping `[from, to)` (RFC 4791 §9.9), in order of start; instances carry
    /// the override index of ``overrides``. A master standing alone (no overrides, RRULE, RDATE or EXDATE) is
    /// its own single instance, found without building a recurrence set (RFC 5545 §3.8.5).
    func instances(
        from: Int64?,
        to: Int64?,
        resolver: TimeZoneResolver,
        floating: ResolvedTimeZone,
        limits: ExpansionLimits
    ) throws(RecurrenceSetError) -> [RecurrenceInstance] {
        if standsAlone, let master {
            let instance = RecurrenceSet.singleInstance(
                of: Self.view(master, kind: kind),
                kind: kind,
                resolver: resolver,
                floatingZone: floating
            )
            return TimeRangeOverlap.overlaps(instance, from: from, to: to) ? [instance] : []
        }
        return try recurrenceSet(resolver: resolver, floating: floating, limits: limits).instances(from: from, to: to)
    }

    /// Whether the group is a master without overrides, RRULE, RDATE or EXDATE: its one instance is its own
    /// (RFC 5545 §3.8.5).
    var standsAlone: Bool {
        guard let master, overrides.isEmpty else { return false }
        return !master.properties.contains(where: Self.isRecurrenceProperty)
    }

    /// Whether a property adds or removes instances of a master (RFC 5545 §3.8.5).
    private static func isRecurrenceProperty(_ property: Property) -> Bool {
        property.matches("RRULE") || property.matches("RDATE") || property.matches("EXDATE")
    }

    /// The recurrence set of the whole group; instances carry the override index of ``overrides``
    /// (RFC 5545 §3.8.5).
    func recurrenceSet(
        resolver: TimeZoneResolver,
        floating: ResolvedTimeZone,
        limits: ExpansionLimits
    ) throws(RecurrenceSetError) -> RecurrenceSet {
        try RecurrenceSet(
            kind: kind,
            master: master.map { Self.view($0, kind: kind) },
            overrides: overrides.map { Self.view($0, kind: kind) },
            resolver: resolver,
            floatingZone: floating,
            limits: limits
        )
    }
}
