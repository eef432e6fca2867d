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

    /// Creates a summary (RFC 4791 §4.1).
    public init(uid: String, componentType: String, spanStart: Int64?, spanEnd: Int64?) {
        self.uid = uid
        self.componentType = componentType
        self.spanStart = spanStart
        self.spanEnd = spanEnd
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
        let span: (start: Int64, end: Int64)
        switch object.componentType {
        case "VEVENT", "VTODO", "VJOURNAL":
            let instances = InstanceSpan(calendar: object.calendar, limits: limits)
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
