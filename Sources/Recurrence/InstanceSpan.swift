public import ICalendarFormat

/// A calendar object resource's overall time span: [first start, last end] in UTC seconds, with
/// `Int64.min`/`Int64.max` for −∞/+∞ (an unbounded RRULE ends at +∞), for indexing and for
/// prefiltering CALDAV:time-range queries (RFC 4791 §9.9) in SQL.
///
/// It is conservative: it widens by 14 hours on each side so that it holds whatever time zone
/// a query reads floating and DATE values in. Prefilter with `start <= queryEnd AND end >= queryStart`,
/// then run the exact test. It does not cover VALARM trigger times (alarm queries need the exact test).
public struct InstanceSpan: Sendable, Hashable {
    /// First start, UTC seconds; `Int64.min` means −∞ (RFC 4791 §9.9).
    public var start: Int64
    /// Last end, UTC seconds; `Int64.max` means +∞ (RFC 4791 §9.9).
    public var end: Int64

    /// Creates a span (RFC 4791 §9.9).
    public init(start: Int64, end: Int64) {
        self.start = start
        self.end = end
    }

    /// Whether `[from, to)` may hold an instance: the SQL prefilter condition (RFC 4791 §9.9).
    public func mayOverlap(from: Int64?, to: Int64?) -> Bool {
        start <= (to ?? Int64.max) && end >= (from ?? Int64.min)
    }

    static let margin: Int64 = 14 * 3600

    /// The span of every recurrence set of a calendar object (RFC 5545 §3.8.5, RFC 4791 §9.9).
    public init(calendar: VCalendar, limits: ExpansionLimits = .default) {
        let sets = try? RecurrenceSet.sets(in: calendar, limits: limits)
        self.init(calendar: calendar, sets: sets, expanded: sets?.map(Self.expansion) ?? [])
    }

    /// The span of a calendar object whose recurrence sets are already built (nil when building them failed) and
    /// expanded: `expanded[i]` is every instance of bounded set `i`, nil when it is unbounded or its expansion
    /// failed (RFC 5545 §3.8.5, RFC 4791 §9.9). Lets a caller that needs the instances anyway expand only once.
    public init(calendar: VCalendar, sets: [RecurrenceSet]?, expanded: [[RecurrenceInstance]?]) {
        let sets = sets ?? []
        if sets.isEmpty, !(calendar.events.isEmpty && calendar.todos.isEmpty && calendar.journals.isEmpty) {
            self.init(start: Int64.min, end: Int64.max)
            return
        }
        var start = Int64.max
        var end = Int64.min
        for (index, set) in sets.enumerated() {
            let span = Self.span(of: set, expanded: index < expanded.count ? expanded[index] : nil)
            start = Swift.min(start, span.start)
            end = Swift.max(end, span.end)
        }
        self.init(start: start, end: end)
    }

    /// Every instance of a bounded set, nil when it is unbounded or its expansion fails (for
    /// ``init(calendar:sets:expanded:)``).
    public static func expansion(of set: RecurrenceSet) -> [RecurrenceInstance]? {
        guard !set.isUnbounded else { return nil }
        return try? set.instances(from: nil, to: nil)
    }

    /// The span of one recurrence set (RFC 4791 §9.9).
    public static func span(of set: RecurrenceSet) -> InstanceSpan {
        span(of: set, expanded: expansion(of: set))
    }

    /// The span of one recurrence set given ``expansion(of:)`` of it: from every instance when it is known, else
    /// from the first instance of each rule to +∞ (RFC 4791 §9.9).
    public static func span(of set: RecurrenceSet, expanded: [RecurrenceInstance]?) -> InstanceSpan {
        let unbounded = expanded == nil
        let instances = expanded ?? (try? set.instances(from: nil, to: nil, mode: .firstOfEachRule)) ?? []
        var start = Int64.max
        var end = Int64.min
        for instance in instances {
            switch instance.rule {
            case .always:
                return InstanceSpan(start: Int64.min, end: Int64.max)
            case .never:
                continue
            case .todoCreatedOnly:
                start = Swift.min(start, instance.start)
                end = Int64.max
            default:
                start = Swift.min(start, instance.start, instance.end)
                end = Swift.max(end, instance.end, instance.start)
            }
        }
        if unbounded { end = Int64.max }
        if start == Int64.max { return InstanceSpan(start: Int64.max, end: Int64.min) }
        return InstanceSpan(
            start: start == Int64.min ? start : start - margin,
            end: end == Int64.max ? end : end + margin
        )
    }
}
