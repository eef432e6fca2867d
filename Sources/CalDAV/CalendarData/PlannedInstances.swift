import DAVCore
import ICalendarFormat
import MIMEDir
import Recurrence

/// The recurrence sets of a calendar object's VEVENT, VTODO and VJOURNAL groups (RFC 5545 §3.8.5), built once so
/// that the instances overlapping any range can be listed from them (RFC 4791 §9.6.5 `expand`): a lone
/// component's one instance, a recurring group's set, or the components of a group whose recurrence cannot be
/// evaluated, which expansion keeps as they are.
struct PlannedInstances: Sendable {
    /// One group and what lists its instances.
    struct Group: Sendable {
        /// The component without RECURRENCE-ID, if any.
        var master: Component?
        /// The components with RECURRENCE-ID, in object order.
        var overrides: [Component]
        /// Whether the group recurs (overrides, RRULE or RDATE): its instances carry a RECURRENCE-ID.
        var recurs: Bool
        /// What lists the instances.
        var source: Source
    }

    /// How a group's instances are found.
    enum Source: Sendable {
        /// The master standing alone: its one instance.
        case single(RecurrenceInstance)
        /// The group's recurrence set.
        case set(RecurrenceSet)
        /// A set that could not be built: the group is kept unexpanded, unless it failed for too many instances.
        case failed(RecurrenceSetError)
    }

    /// The groups, VEVENTs first, then VTODOs, then VJOURNALs, each kind in object order of its first component.
    let groups: [Group]
    /// The limits the sets were built with, which the walk counts instances against.
    let limits: ExpansionLimits

    /// The groups of `calendar`, their sets built with `resolver` and `floating` (RFC 5545 §3.8.5).
    init(of calendar: VCalendar, resolver: TimeZoneResolver, floating: ResolvedTimeZone, limits: ExpansionLimits) {
        var groups: [Group] = []
        for kind in [ComponentKind.event, .todo, .journal] {
            for group in RecurrenceGroup.groups(in: calendar, kind: kind) {
                let source: Source
                if group.standsAlone, let master = group.master {
                    source = .single(
                        RecurrenceSet.singleInstance(
                            of: RecurrenceGroup.view(master, kind: kind),
                            kind: kind,
                            resolver: resolver,
                            floatingZone: floating
                        )
                    )
                } else {
                    do {
                        source = .set(try group.recurrenceSet(resolver: resolver, floating: floating, limits: limits))
                    } catch {
                        source = .failed(error)
                    }
                }
                groups.append(
                    Group(
                        master: group.master,
                        overrides: group.overrides,
                        recurs: !group.overrides.isEmpty
                            || group.master.map(CalendarDataRenderer.isRecurring) ?? false,
                        source: source
                    )
                )
            }
        }
        self.groups = groups
        self.limits = limits
    }

    /// The walk both expanders share (RFC 4791 §9.6.5): every instance overlapping `range`, counted against
    /// ``limits``. `emit` gets each instance with the component it comes from (master or override) and whether
    /// its set recurs, and returns false to stop the walk; `keep` gets the components of a group whose recurrence
    /// cannot be evaluated, kept unexpanded. Returns false when `emit` stopped it.
    ///
    /// - Throws: 403 `CALDAV:max-instances` past `limits.maxInstances`.
    func forEachInstance(
        in range: CalendarTimeRange,
        keep: (Component) -> Void,
        emit: (_ source: Component, _ instance: RecurrenceInstance, _ recurs: Bool) -> Bool
    ) throws(DAVError) -> Bool {
        var count = 0
        for group in groups {
            let instances: [RecurrenceInstance]
            switch group.source {
            case .single(let instance):
                instances = TimeRangeOverlap.overlaps(instance, from: range.start, to: range.end) ? [instance] : []
            case .set(let set):
                do {
                    instances = try set.instances(from: range.start, to: range.end)
                } catch .tooManyInstances(let limit) {
                    throw CalDAVFailure.tooManyInstances(limit)
                } catch {
                    for component in [group.master].compactMap({ $0 }) + group.overrides { keep(component) }
                    continue
                }
            case .failed(.tooManyInstances(let limit)):
                throw CalDAVFailure.tooManyInstances(limit)
            case .failed:
                for component in [group.master].compactMap({ $0 }) + group.overrides { keep(component) }
                continue
            }
            count += instances.count
            if count > limits.maxInstances { throw CalDAVFailure.tooManyInstances(limits.maxInstances) }
            for instance in instances {
                guard let source = instance.overrideIndex.map({ group.overrides[$0] }) ?? group.master else {
                    continue
                }
                guard emit(source, instance, group.recurs) else { return false }
            }
        }
        return true
    }
}
