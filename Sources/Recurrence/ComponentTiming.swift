public import ICalendarFormat
import MIMEDir

extension CivilDateTime {
    /// The civil value of an iCalendar DATE or DATE-TIME, whatever its form (RFC 5545 §3.3.4–§3.3.5).
    public init(_ value: ICalDateTime) {
        self.init(
            year: value.year,
            month: value.month,
            day: value.day,
            hour: value.hour,
            minute: value.minute,
            second: value.second
        )
    }
}

/// How a component's instance is tested against a time range: the rows of the RFC 4791 §9.9
/// tables. `start`/`end` below are the query's; S and E are the instance's `start` and `end`.
public enum OverlapRule: Sendable, Hashable {
    /// `start < E AND end > S`: VEVENT with DTEND, positive DURATION or DATE DTSTART; VJOURNAL DATE.
    case interval
    /// `start <= S AND end > S`: VEVENT of zero duration, VTODO with only DTSTART, VJOURNAL DATE-TIME.
    case instant
    /// `start <= E AND (end > S OR end >= E)`: VTODO with DTSTART and DURATION (E = DTSTART+DURATION).
    case todoWithDuration
    /// `(start < E OR start <= S) AND (end > S OR end >= E)`: VTODO with DTSTART and DUE (E = DUE).
    case todoWithDue
    /// `start < E AND end >= E`: VTODO with only DUE.
    case todoDueOnly
    /// `(start <= S OR start <= E) AND (end >= S OR end >= E)`: VTODO with CREATED (S) and COMPLETED (E).
    case todoCreatedAndCompleted
    /// `start <= E AND end >= E`: VTODO with only COMPLETED (E).
    case todoCompletedOnly
    /// `end > S`: VTODO with only CREATED (S).
    case todoCreatedOnly
    /// Always true: VTODO with none of those properties.
    case always
    /// Always false: VJOURNAL without DTSTART.
    case never
}

/// The calendar component types whose instances the engine expands (RFC 5545 §3.6).
public enum ComponentKind: String, Sendable, Hashable {
    /// VEVENT (RFC 5545 §3.6.1).
    case event = "VEVENT"
    /// VTODO (RFC 5545 §3.6.2).
    case todo = "VTODO"
    /// VJOURNAL (RFC 5545 §3.6.3).
    case journal = "VJOURNAL"
}

/// The start, zone and effective duration of one component (RFC 5545 §3.8.2, RFC 4791 §9.9).
struct ComponentTiming: Sendable {
    var zone: ResolvedTimeZone
    var start: LocalTimestamp?
    var isDate: Bool
    var nominalDays: Int64
    var exactSeconds: Int64
    var rule: OverlapRule
    /// For VTODOs without DTSTART: the UTC instants S and E of `rule`.
    var fixedStart: Int64?
    var fixedEnd: Int64?

    init(
        _ view: some CalendarComponentView,
        kind: ComponentKind,
        resolver: TimeZoneResolver,
        floating: ResolvedTimeZone
    ) {
        func zoneOf(_ value: ICalDateTime) -> ResolvedTimeZone {
            switch value.form {
            case .utc: .utc
            case .date, .floating: floating
            case .local(let tzid): resolver.zone(forTZID: tzid) ?? floating
            }
        }
        func utcOf(_ value: ICalDateTime) -> Int64 { zoneOf(value).utc(fromLocal: CivilDateTime(value).timestamp) }
        let dtstart = view.dtstart
        zone = dtstart.map(zoneOf) ?? floating
        start = dtstart.map { CivilDateTime($0).timestamp }
        isDate = dtstart?.isDate ?? false
        nominalDays = 0
        exactSeconds = 0
        rule = .instant
        let duration = view.duration
        let endValue = kind == .todo ? view.due : kind == .event ? view.dtend : nil
        if let dtstart {
            if let endValue {
                if dtstart.isDate, endValue.isDate {
                    nominalDays = Int64(CivilDateTime(endValue).dayNumber - CivilDateTime(dtstart).dayNumber)
                } else {
                    exactSeconds = utcOf(endValue) - utcOf(dtstart)
                }
                rule = kind == .todo ? .todoWithDue : .interval
            } else if let duration, kind != .journal {
                nominalDays = Int64(duration.nominalDays)
                exactSeconds = Int64(duration.exactSeconds)
                rule = kind == .todo ? .todoWithDuration : .interval
            } else if dtstart.isDate, kind != .todo {
                nominalDays = 1
                rule = .interval
            }
            if kind == .event, nominalDays * 86_400 + exactSeconds <= 0 { rule = .instant }
            return
        }
        switch kind {
        case .event, .journal:
            rule = .never
        case .todo:
            let created = view.created.map(utcOf)
            let completed = (view.component.property("COMPLETED").flatMap(ICalDateTime.init(property:))).map(utcOf)
            if let due = view.due.map(utcOf) {
                rule = .todoDueOnly
                fixedStart = due
                fixedEnd = due
            } else if let created, let completed {
                rule = .todoCreatedAndCompleted
                fixedStart = created
                fixedEnd = completed
            } else if let completed {
                rule = .todoCompletedOnly
                fixedStart = completed
                fixedEnd = completed
            } else if let created {
                rule = .todoCreatedOnly
                fixedStart = created
                fixedEnd = created
            } else {
                rule = .always
            }
        }
    }

    /// The instance's end (E) for a start at local time `local` in this timing's zone.
    func end(forLocalStart local: LocalTimestamp, utcStart: Int64) -> Int64 {
        guard nominalDays != 0 else { return utcStart + exactSeconds }
        let endLocal = LocalTimestamp(secondsSinceEpoch: local.secondsSinceEpoch + nominalDays * 86_400)
        return zone.utc(fromLocal: endLocal) + exactSeconds
    }

    /// Upper bound of the instance length in seconds (for window margins).
    var maxLength: Int64 { Swift.max(0, nominalDays * 86_400 + 7200 + exactSeconds) }

    /// The instance starting at this timing's start (RFC 5545 §3.8.5), or, without a start, the one spanning
    /// the fixed instants of a VTODO; `recurrenceID` defaults to the start.
    func instance(recurrenceID: Int64?, overrideIndex: Int?) -> RecurrenceInstance {
        guard let local = start else {
            let start = fixedStart ?? Int64.min
            let end = fixedEnd ?? Int64.max
            let civil = CivilDateTime(year: 1970, month: 1, day: 1)
            return RecurrenceInstance(
                recurrenceID: recurrenceID ?? start,
                start: start,
                end: end,
                isAllDay: false,
                localRecurrenceID: civil,
                localStart: civil,
                localEnd: civil,
                rule: rule,
                overrideIndex: overrideIndex
            )
        }
        let start = zone.utc(fromLocal: local)
        let end = end(forLocalStart: local, utcStart: start)
        let localEnd =
            isDate && exactSeconds == 0
            ? LocalTimestamp(secondsSinceEpoch: local.secondsSinceEpoch + nominalDays * 86_400).civil
            : zone.local(fromUTC: end).civil
        let id = recurrenceID ?? start
        return RecurrenceInstance(
            recurrenceID: id,
            start: start,
            end: end,
            isAllDay: isDate,
            localRecurrenceID: overrideIndex == nil ? local.civil : zone.local(fromUTC: id).civil,
            localStart: local.civil,
            localEnd: localEnd,
            rule: rule,
            overrideIndex: overrideIndex
        )
    }
}
