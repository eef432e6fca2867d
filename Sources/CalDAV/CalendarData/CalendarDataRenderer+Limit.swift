import Foundation
public import ICalendarFormat
import MIMEDir
public import Recurrence

extension CalendarDataRenderer {
    /// CALDAV:limit-recurrence-set (RFC 4791 §9.6.6): masters stay; an override stays when it affects the
    /// range — its own instance overlaps it, the instance it replaces (RECURRENCE-ID plus the master's
    /// duration) overlapped it, or it is `RANGE=THISANDFUTURE` and starts before the range ends. Everything
    /// that is not a VEVENT, VTODO or VJOURNAL override is kept.
    public static func limitRecurrenceSet(
        _ calendar: VCalendar,
        to range: CalendarTimeRange,
        floatingZone: ResolvedTimeZone = .utc,
        limits: ExpansionLimits = .default
    ) -> VCalendar {
        let resolver = TimeZoneResolver(calendar: calendar)
        var lengths: [String: Int64] = [:]
        for kind in [ComponentKind.event, .todo, .journal] {
            for group in RecurrenceGroup.groups(in: calendar, kind: kind) {
                guard let master = group.master, let uid = master.property("UID")?.value,
                    let instance = singleInstance(
                        master,
                        kind: kind,
                        resolver: resolver,
                        floating: floatingZone,
                        limits: limits
                    )
                else { continue }
                lengths[kind.rawValue + "\u{0}" + uid] = instance.end - instance.start
            }
        }
        var result = calendar
        result.component.components = calendar.component.components.filter { component in
            guard let kind = ComponentKind(rawValue: component.name.uppercased()),
                let identifier = RecurrenceGroup.view(component, kind: kind).recurrenceID
            else { return true }
            let originalStart = CalendarTime.seconds(
                of: identifier.dateTime,
                resolver: resolver,
                floating: floatingZone
            )
            if identifier.thisAndFuture, originalStart < (range.end ?? Int64.max) { return true }
            let key = kind.rawValue + "\u{0}" + (component.property("UID")?.value ?? "")
            if range.overlaps(from: originalStart, to: originalStart + Swift.max(0, lengths[key] ?? 0)) { return true }
            guard
                let own = singleInstance(
                    component,
                    kind: kind,
                    resolver: resolver,
                    floating: floatingZone,
                    limits: limits
                )
            else {
                return true
            }
            return TimeRangeOverlap.overlaps(own, from: range.start, to: range.end)
        }
        return result
    }

    /// The one instance a component describes by itself, recurrence properties ignored (RFC 5545 §3.8.5).
    private static func singleInstance(
        _ component: Component,
        kind: ComponentKind,
        resolver: TimeZoneResolver,
        floating: ResolvedTimeZone,
        limits: ExpansionLimits
    ) -> RecurrenceInstance? {
        var single = component
        for name in recurrenceProperties { single.removeProperties(name) }
        let set = try? RecurrenceSet(
            kind: kind,
            master: RecurrenceGroup.view(single, kind: kind),
            overrides: [],
            resolver: resolver,
            floatingZone: floating,
            limits: limits
        )
        return (try? set?.instances(from: nil, to: nil))?.first
    }

    /// CALDAV:limit-freebusy-set (RFC 4791 §9.6.7): in VFREEBUSY components, only the FREEBUSY periods that
    /// overlap the range remain; a FREEBUSY property left without periods is dropped.
    public static func limitFreeBusySet(_ calendar: VCalendar, to range: CalendarTimeRange) -> VCalendar {
        let resolver = TimeZoneResolver(calendar: calendar)
        var result = calendar
        for (index, component) in calendar.component.components.enumerated() where component.matches("VFREEBUSY") {
            var limited = component
            limited.properties = component.properties.compactMap { property in
                guard property.matches("FREEBUSY") else { return property }
                let tzid = property.parameterValue("TZID")
                let kept = property.value.split(separator: ",").filter { text in
                    guard let period = ICalPeriod.parse(String(text).trimmingCharacters(in: .whitespaces), tzid: tzid)
                    else { return false }
                    let start = CalendarTime.seconds(of: period.start, resolver: resolver, floating: .utc)
                    let end: Int64
                    switch period.end {
                    case .dateTime(let value): end = CalendarTime.seconds(of: value, resolver: resolver, floating: .utc)
                    case .duration(let duration): end = start + Int64(duration.totalSeconds)
                    }
                    return range.overlaps(from: start, to: Swift.max(start, end))
                }
                guard !kept.isEmpty else { return nil }
                var limitedProperty = property
                limitedProperty.value = kept.joined(separator: ",")
                return limitedProperty
            }
            result.component.components[index] = limited
        }
        return result
    }
}
