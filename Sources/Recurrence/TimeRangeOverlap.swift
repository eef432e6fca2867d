public import ICalendarFormat
import MIMEDir

/// The CALDAV:time-range test of RFC 4791 §9.9 for VEVENT, VTODO, VJOURNAL, VFREEBUSY and VALARM.
///
/// Ranges are UTC seconds since the Unix epoch, `from` inclusive and `to` exclusive; nil is
/// −∞ or +∞. Floating and DATE values are read in the query's `floatingZone` (RFC 4791 §9.9).
public enum TimeRangeOverlap {
    /// Whether one instance overlaps `[from, to)` under its RFC 4791 §9.9 condition.
    public static func overlaps(_ instance: RecurrenceInstance, from: Int64?, to: Int64?) -> Bool {
        let start = from ?? Int64.min
        let end = to ?? Int64.max
        let s = instance.start
        let e = instance.end
        switch instance.rule {
        case .interval: return start < e && end > s
        case .instant: return start <= s && end > s
        case .todoWithDuration: return start <= e && (end > s || end >= e)
        case .todoWithDue: return (start < e || start <= s) && (end > s || end >= e)
        case .todoDueOnly: return start < e && end >= e
        case .todoCreatedAndCompleted: return (start <= s || start <= e) && (end >= s || end >= e)
        case .todoCompletedOnly: return start <= e && end >= e
        case .todoCreatedOnly: return end > s
        case .always: return true
        case .never: return false
        }
    }

    /// Whether any instance of a recurrence set overlaps `[from, to)` (RFC 4791 §9.9: "if any one
    /// instance matches, then the test returns true").
    public static func overlaps(_ set: RecurrenceSet, from: Int64?, to: Int64?) throws(RecurrenceSetError) -> Bool {
        !(try set.instances(from: from, to: to, mode: .anyMatch).isEmpty)
    }

    /// The VFREEBUSY condition of RFC 4791 §9.9: DTSTART and DTEND when both are present, else
    /// each FREEBUSY period.
    public static func overlaps(
        freeBusy: VFreeBusy,
        from: Int64?,
        to: Int64?,
        resolver: TimeZoneResolver,
        floatingZone: ResolvedTimeZone = .utc
    ) -> Bool {
        let start = from ?? Int64.min
        let end = to ?? Int64.max
        let utc = { (value: ICalDateTime) in utcSeconds(value, resolver: resolver, floatingZone: floatingZone) }
        if let dtstart = freeBusy.dtstart, let dtend = freeBusy.dtend {
            return start <= utc(dtend) && end > utc(dtstart)
        }
        return freeBusy.busyPeriods.contains { busy in
            let periodStart = utc(busy.period.start)
            let periodEnd: Int64
            switch busy.period.end {
            case .dateTime(let value): periodEnd = utc(value)
            case .duration(let duration): periodEnd = periodStart + Int64(duration.totalSeconds)
            }
            return start < periodEnd && end > periodStart
        }
    }

    /// The trigger times of an alarm for one instance of its parent (RFC 5545 §3.8.6.3, §3.8.6.2):
    /// relative to the start, or to the end with `RELATED=END`, or absolute; plus REPEAT more, each
    /// DURATION apart.
    public static func alarmTriggers(
        _ alarm: VAlarm,
        instance: RecurrenceInstance,
        resolver: TimeZoneResolver,
        floatingZone: ResolvedTimeZone = .utc
    ) -> [Int64] {
        let first: Int64
        switch alarm.trigger {
        case .relative(let offset, let relatedToEnd)?:
            first = (relatedToEnd ? instance.end : instance.start) + Int64(offset.totalSeconds)
        case .absolute(let value)?:
            first = utcSeconds(value, resolver: resolver, floatingZone: floatingZone)
        case nil:
            return []
        }
        var triggers = [first]
        if let step = alarm.duration?.totalSeconds, step > 0 {
            for index in 0..<Swift.min(alarm.repeatCount, 1000) {
                triggers.append(first + Int64(step) * Int64(index + 1))
            }
        }
        return triggers
    }

    /// The VALARM condition of RFC 4791 §9.9: `start <= trigger AND end > trigger` for any trigger
    /// (repeats included) of any instance of the parent.
    public static func overlaps(
        alarm: VAlarm,
        of set: RecurrenceSet,
        from: Int64?,
        to: Int64?,
        resolver: TimeZoneResolver,
        floatingZone: ResolvedTimeZone = .utc
    ) throws(RecurrenceSetError) -> Bool {
        let start = from ?? Int64.min
        let end = to ?? Int64.max
        var reach: Int64 = 2 * 86_400
        if case .relative(let offset, _)? = alarm.trigger { reach += Int64(abs(offset.totalSeconds)) }
        reach += Int64(Swift.max(0, alarm.repeatCount)) * Int64(abs(alarm.duration?.totalSeconds ?? 0))
        let widened = try set.instances(
            from: from.map { $0 &- reach - longestEndRelatedInstance },
            to: to.map { $0 &+ reach }
        )
        return widened.contains { instance in
            alarmTriggers(alarm, instance: instance, resolver: resolver, floatingZone: floatingZone).contains {
                start <= $0 && end > $0
            }
        }
    }

    /// How long an instance may last for its `RELATED=END` alarm still to be found: instances are
    /// fetched from this much before the range (RFC 5545 §3.8.6.3).
    static let longestEndRelatedInstance: Int64 = 400 * 86_400

    static func utcSeconds(_ value: ICalDateTime, resolver: TimeZoneResolver, floatingZone: ResolvedTimeZone) -> Int64 {
        let zone: ResolvedTimeZone =
            switch value.form {
            case .utc: .utc
            case .date, .floating: floatingZone
            case .local(let tzid): resolver.zone(forTZID: tzid) ?? floatingZone
            }
        return zone.utc(fromLocal: CivilDateTime(value).timestamp)
    }
}
