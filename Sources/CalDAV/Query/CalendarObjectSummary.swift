public import DAVCore
public import ICalendarFormat
public import Recurrence

/// What the store indexes for a calendar object resource at PUT time (RFC 4791 §4.1, §5.3.2.1, §9.9): its
/// UID (for `no-uid-conflict`), its component type and the span of its instances for time-range prefiltering.
public struct CalendarObjectSummary: Sendable, Hashable {
    /// The UID shared by the object's components (unescaped).
    public var uid: String
    /// The upper-case component type, e.g. `VEVENT`.
    public var componentType: String
    /// The first instant any instance covers, UTC seconds; nil is −∞.
    public var spanStart: Int64?
    /// The last instant any instance covers, UTC seconds; nil is +∞ (an RRULE without COUNT or UNTIL).
    public var spanEnd: Int64?
    /// Every instance of a VEVENT recurrence set, `[start, end)` in UTC, when the set is finite, has at most
    /// ``maxExactInstances`` instances and no floating or DATE values: then the RFC 4791 §9.9 VEVENT test is
    /// answered from them (``matchesExactly(_:)``) without parsing. Nil otherwise.
    public var exactInstances: [ObjectInstance]?

    /// Most instances listed in ``exactInstances``.
    public static let maxExactInstances = 1000

    /// Creates a summary (RFC 4791 §4.1).
    public init(
        uid: String,
        componentType: String,
        spanStart: Int64?,
        spanEnd: Int64?,
        exactInstances: [ObjectInstance]? = nil
    ) {
        self.uid = uid
        self.componentType = componentType
        self.spanStart = spanStart
        self.spanEnd = spanEnd
        self.exactInstances = exactInstances
    }

    /// The widening applied to every finite span bound, so that a span computed with floating and DATE
    /// values read in UTC still holds them in any query time zone (UTC offsets stay within ±14 h).
    public static let floatingMargin: Int64 = 14 * 3600

    /// The summary of a validated object (RFC 4791 §4.1): UID and type from validation; the span of every
    /// VEVENT / VTODO / VJOURNAL recurrence set from `InstanceSpan` (overrides included, unbounded rules to
    /// +∞, widened by ``floatingMargin``), of VFREEBUSY from DTSTART/DTEND and FREEBUSY periods, and
    /// unbounded for anything else. An object nothing can match (a VJOURNAL without DTSTART) gets an empty
    /// span: a start after its end. VALARM trigger times are not covered; alarm queries do not narrow by span.
    public static func make(
        from object: ValidatedCalendarObject,
        limits: ExpansionLimits = .default
    ) -> CalendarObjectSummary {
        let sets = try? RecurrenceSet.sets(in: object.calendar, limits: limits)
        return make(from: object, sets: sets, expanded: sets?.map(InstanceSpan.expansion) ?? [])
    }

    /// ``make(from:limits:)`` from recurrence sets already built (nil when building them failed) and expanded as
    /// `InstanceSpan.init(calendar:sets:expanded:)` takes them, so a PUT expands each set once.
    public static func make(
        from object: ValidatedCalendarObject,
        sets: [RecurrenceSet]?,
        expanded: [[RecurrenceInstance]?]
    ) -> CalendarObjectSummary {
        if let instances = exactInstances(of: object, sets: sets, expanded: expanded), let first = instances.first {
            return CalendarObjectSummary(
                uid: object.uid,
                componentType: object.componentType,
                spanStart: first.start,
                spanEnd: instances.map(\.end).max() ?? first.end,
                exactInstances: instances
            )
        }
        let span: (start: Int64, end: Int64)
        switch object.componentType {
        case "VEVENT", "VTODO", "VJOURNAL":
            let instances = InstanceSpan(calendar: object.calendar, sets: sets, expanded: expanded)
            span = (instances.start, instances.end)
        case "VFREEBUSY":
            span = freeBusySpan(object.calendar)
        default:
            span = (Int64.min, Int64.max)
        }
        return CalendarObjectSummary(
            uid: object.uid,
            componentType: object.componentType,
            spanStart: span.start == Int64.min ? nil : span.start,
            spanEnd: span.end == Int64.max ? nil : span.end
        )
    }

    /// The RFC 4791 §9.9 VEVENT test on the exact instances: one with `start < end-of-range AND end >
    /// start-of-range`, or a zero-length one with `start-of-range <= start < end-of-range`. False when the
    /// instances are not known exactly.
    public func matchesExactly(_ range: CalendarTimeRange) -> Bool {
        guard let exactInstances else { return false }
        let from = range.start ?? Int64.min
        let to = range.end ?? Int64.max
        return exactInstances.contains { instance in
            instance.start < to && (instance.end > from || (instance.start == instance.end && instance.start >= from))
        }
    }

    /// The instances of a VEVENT object whose times are all fixed in UTC (RFC 5545 §3.3.5 forms 2 and 3) and
    /// whose recurrence set is finite and small; nil otherwise.
    private static func exactInstances(
        of object: ValidatedCalendarObject,
        sets: [RecurrenceSet]?,
        expanded: [[RecurrenceInstance]?]
    ) -> [ObjectInstance]? {
        guard object.componentType == "VEVENT" else { return nil }
        for event in object.calendar.events {
            let values =
                [event.dtstart, event.dtend, event.recurrenceID?.dateTime].compactMap { $0 }
                + event.rdates.map(\.start)
            guard event.dtstart != nil, values.allSatisfy({ !$0.isDate && !$0.isFloating }) else { return nil }
        }
        guard let sets, sets.count == 1, expanded.count == 1, let instances = expanded[0],
            !instances.isEmpty, instances.count <= maxExactInstances, !instances.contains(where: \.isAllDay)
        else { return nil }
        return instances.map { ObjectInstance(start: $0.start, end: $0.end) }
    }

    private static func freeBusySpan(_ calendar: VCalendar) -> (start: Int64, end: Int64) {
        let resolver = TimeZoneResolver(calendar: calendar)
        func seconds(_ value: ICalDateTime) -> Int64 {
            CalendarTime.seconds(of: value, resolver: resolver, floating: .utc)
        }
        var start = Int64.max
        var end = Int64.min
        for freeBusy in calendar.freeBusy {
            var bounds: [Int64] = [freeBusy.dtstart, freeBusy.dtend].compactMap { $0.map(seconds) }
            for busy in freeBusy.busyPeriods {
                let periodStart = seconds(busy.period.start)
                bounds.append(periodStart)
                switch busy.period.end {
                case .dateTime(let value): bounds.append(seconds(value))
                case .duration(let duration): bounds.append(periodStart + Int64(duration.totalSeconds))
                }
            }
            guard let low = bounds.min(), let high = bounds.max() else { return (Int64.min, Int64.max) }
            start = Swift.min(start, low - floatingMargin)
            end = Swift.max(end, high + floatingMargin)
        }
        return start > end ? (Int64.min, Int64.max) : (start, end)
    }
}
