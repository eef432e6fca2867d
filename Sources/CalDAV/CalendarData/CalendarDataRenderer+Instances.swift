import DAVCore
import ICalendarFormat
import MIMEDir
import Recurrence

extension CalendarDataRenderer {
    /// The walk both expanders share (RFC 4791 §9.6.5): every instance of every VEVENT, VTODO and VJOURNAL
    /// recurrence set of `calendar` overlapping `range`, counted against `limits.maxInstances`. `emit` gets each
    /// instance with the component it comes from (master or override) and whether its set recurs, and returns false
    /// to stop the walk; `keep` gets the components of a set whose recurrence cannot be evaluated, kept unexpanded.
    /// Returns false when `emit` stopped it.
    ///
    /// - Throws: 403 `CALDAV:max-instances` past `limits.maxInstances`.
    static func forEachInstance(
        of calendar: VCalendar,
        in range: CalendarTimeRange,
        resolver: TimeZoneResolver,
        floating: ResolvedTimeZone,
        limits: ExpansionLimits,
        keep: (Component) -> Void,
        emit: (_ source: Component, _ instance: RecurrenceInstance, _ recurs: Bool) -> Bool
    ) throws(DAVError) -> Bool {
        var count = 0
        for kind in [ComponentKind.event, .todo, .journal] {
            for group in RecurrenceGroup.groups(in: calendar, kind: kind) {
                let instances: [RecurrenceInstance]
                do {
                    instances = try group.instances(
                        from: range.start,
                        to: range.end,
                        resolver: resolver,
                        floating: floating,
                        limits: limits
                    )
                } catch .tooManyInstances(let limit) {
                    throw CalDAVFailure.tooManyInstances(limit)
                } catch {
                    for component in [group.master].compactMap({ $0 }) + group.overrides { keep(component) }
                    continue
                }
                count += instances.count
                if count > limits.maxInstances { throw CalDAVFailure.tooManyInstances(limits.maxInstances) }
                let recurs = !group.overrides.isEmpty || group.master.map(isRecurring) ?? false
                for instance in instances {
                    guard let source = instance.overrideIndex.map({ group.overrides[$0] }) ?? group.master else {
                        continue
                    }
                    guard emit(source, instance, recurs) else { return false }
                }
            }
        }
        return true
    }
}
