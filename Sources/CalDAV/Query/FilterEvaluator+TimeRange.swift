import Foundation
import ICalendarFormat
import MIMEDir
import Recurrence

extension FilterEvaluator {
    /// The CALDAV:time-range test of RFC 4791 §9.9 on a component: any instance of a VEVENT, VTODO or
    /// VJOURNAL (a master stands for its whole recurrence set, overrides included; an override for itself),
    /// the DTSTART/DTEND or FREEBUSY periods of a VFREEBUSY, any trigger of a VALARM for any instance of
    /// its parent.
    func overlaps(_ component: Component, _ range: CalendarTimeRange, parent: Component?) -> Bool {
        if let kind = ComponentKind(rawValue: component.name.uppercased()) {
            let group = group(of: component, kind: kind)
            if group.standsAlone {
                return
                    (try? group.instances(
                        from: range.start,
                        to: range.end,
                        resolver: resolver,
                        floating: floating,
                        limits: limits
                    ).isEmpty == false) ?? true
            }
            guard let set = try? group.recurrenceSet(resolver: resolver, floating: floating, limits: limits) else {
                return true
            }
            return Self.anyInstance(of: set, overlaps: range)
        }
        if component.matches("VFREEBUSY") {
            return TimeRangeOverlap.overlaps(
                freeBusy: VFreeBusy(component),
                from: range.start,
                to: range.end,
                resolver: resolver,
                floatingZone: floating
            )
        }
        guard component.matches("VALARM"), let parent, let kind = ComponentKind(rawValue: parent.name.uppercased())
        else { return false }
        guard let set = recurrenceSet(of: parent, kind: kind) else { return true }
        do {
            return try TimeRangeOverlap.overlaps(
                alarm: VAlarm(component),
                of: set,
                from: range.start,
                to: range.end,
                resolver: resolver,
                floatingZone: floating
            )
        } catch {
            return true
        }
    }

    /// Whether any instance of `set` overlaps `range` (RFC 4791 §9.9). An expansion that passes the limits
    /// means the range holds a great many instances, which is a "yes".
    static func anyInstance(of set: RecurrenceSet, overlaps range: CalendarTimeRange) -> Bool {
        (try? TimeRangeOverlap.overlaps(set, from: range.start, to: range.end)) ?? true
    }

    /// The recurrence set a component stands for: a master with the overrides of its UID, an override alone
    /// (RFC 5545 §3.8.5); nil when the set cannot be built.
    func recurrenceSet(of component: Component, kind: ComponentKind) -> RecurrenceSet? {
        try? group(of: component, kind: kind).recurrenceSet(resolver: resolver, floating: floating, limits: limits)
    }

    /// The group a component stands for: a master with the overrides of its UID, an override alone.
    private func group(of component: Component, kind: ComponentKind) -> RecurrenceGroup {
        var group = RecurrenceGroup(kind: kind, master: component, overrides: [])
        if component.property("RECURRENCE-ID") == nil, let uid = component.property("UID")?.value {
            group.overrides = calendar.component.components.filter {
                $0.matches(kind.rawValue) && $0.property("RECURRENCE-ID") != nil && $0.property("UID")?.value == uid
            }
        }
        return group
    }

    /// The CALDAV:time-range test on a property (RFC 4791 §9.9): a DATE-TIME is an instant
    /// (`start <= value < end`), a DATE the whole day in the query's zone, a PERIOD its span; a
    /// multi-valued property (RDATE, EXDATE, FREEBUSY) passes when any value does.
    func overlaps(_ property: Property, _ range: CalendarTimeRange) -> Bool {
        let tzid = property.parameterValue("TZID")
        for text in property.value.split(separator: ",") {
            let item = String(text).trimmingCharacters(in: .whitespaces)
            if item.contains("/") {
                guard let period = ICalPeriod.parse(item, tzid: tzid) else { continue }
                let start = seconds(period.start)
                let end: Int64
                switch period.end {
                case .dateTime(let value): end = seconds(value)
                case .duration(let duration): end = start + Int64(duration.totalSeconds)
                }
                if range.overlaps(from: start, to: Swift.max(start, end)) { return true }
                continue
            }
            guard let value = ICalDateTime.parse(item, tzid: tzid) else { continue }
            let start = seconds(value)
            let end = value.isDate ? seconds(Self.nextDay(value)) : start
            if range.overlaps(from: start, to: end) { return true }
        }
        return false
    }

    private func seconds(_ value: ICalDateTime) -> Int64 {
        CalendarTime.seconds(of: value, resolver: resolver, floating: floating)
    }

    private static func nextDay(_ value: ICalDateTime) -> ICalDateTime {
        let civil = LocalTimestamp(secondsSinceEpoch: CivilDateTime(value).timestamp.secondsSinceEpoch + 86_400).civil
        return CalendarTime.dateTime(civil, form: .date)
    }
}
