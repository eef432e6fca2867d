public import ICalendarFormat
import MIMEDir

/// One instance of a recurring (or single) component (RFC 5545 §3.8.5, RFC 4791 §9.9).
public struct RecurrenceInstance: Sendable, Hashable {
    /// RECURRENCE-ID: the original start, UTC seconds since the Unix epoch (RFC 5545 §3.8.4.4).
    public var recurrenceID: Int64
    /// Effective start (S), UTC seconds (RFC 5545 §3.8.5).
    public var start: Int64
    /// Effective end (E: DTEND, DTSTART+DURATION or DUE), UTC seconds; equals `start` for instants (RFC 5545 §3.8.5).
    public var end: Int64
    /// Whether DTSTART is a DATE (all-day): local values below are then dates (RFC 5545 §3.8.5).
    public var isAllDay: Bool
    /// Local (DTSTART's zone) values of the recurrence id, start and end (RFC 5545 §3.8.5).
    public var localRecurrenceID: CivilDateTime
    /// Local start (RFC 5545 §3.8.5).
    public var localStart: CivilDateTime
    /// Local end (RFC 5545 §3.8.5).
    public var localEnd: CivilDateTime
    /// Which RFC 4791 §9.9 condition applies to this instance.
    public var rule: OverlapRule
    /// Index in `RecurrenceSet.overrides` of the component that supplies this instance, nil for the master (RFC 5545 §3.8.5).
    public var overrideIndex: Int?
}

/// Why a recurrence set could not be expanded (RFC 4791 §5.2.7, RFC 5545 §3.8.5).
public enum RecurrenceSetError: Error, Sendable, Hashable {
    /// An RRULE value is invalid.
    case invalidRule(RecurrenceRuleError)
    /// More instances than `ExpansionLimits.maxInstances` overlap the range (CalDAV max-instances).
    case tooManyInstances(limit: Int)
}

/// The recurrence set of one calendar object resource's component (RFC 5545 §3.8.5): the master's
/// DTSTART, RRULEs and RDATEs minus EXDATEs, with overridden instances replaced by their
/// RECURRENCE-ID components, `RANGE=THISANDFUTURE` shifting the instances after them.
public struct RecurrenceSet: Sendable {
    /// The component type (RFC 5545 §3.8.5).
    public let kind: ComponentKind
    /// The overriding components, in input order (RFC 5545 §3.8.5).
    public let overrides: [any CalendarComponentView]
    let master: ComponentTiming?
    let rules: [RecurrenceRule]
    let rdates: [(local: LocalTimestamp, end: Int64?)]
    let exdates: Set<Int64>
    let exdateDays: Set<Int64>
    let singleOverrides: [Int64: Int]
    let rangeOverrides: [(recurrenceID: Int64, index: Int)]
    let overrideTimings: [ComponentTiming]
    let overrideIDs: [Int64?]
    let limits: ExpansionLimits

    /// Builds the set from a master component (with DTSTART, RRULE, RDATE, EXDATE) and overriding
    /// components carrying RECURRENCE-ID (RFC 5545 §3.8.4.4). Floating and DATE values are read in
    /// `floatingZone` (RFC 4791 §9.9: the query's or collection's time zone).
    public init(
        kind: ComponentKind,
        master: (any CalendarComponentView)?,
        overrides: [any CalendarComponentView],
        resolver: TimeZoneResolver,
        floatingZone: ResolvedTimeZone = .utc,
        limits: ExpansionLimits = .default
    ) throws(RecurrenceSetError) {
        self.kind = kind
        self.limits = limits
        self.overrides = Array(overrides.prefix(limits.maxRecurrenceProperties))
        func timing(_ view: any CalendarComponentView) -> ComponentTiming {
            ComponentTiming(view, kind: kind, resolver: resolver, floating: floatingZone)
        }
        let masterTiming = master.map(timing)
        self.master = masterTiming
        var rules: [RecurrenceRule] = []
        var rdates: [(local: LocalTimestamp, end: Int64?)] = []
        var exdates = Set<Int64>()
        var exdateDays = Set<Int64>()
        if let master, let masterTiming, masterTiming.start != nil {
            for text in master.rrules.prefix(limits.maxRecurrenceProperties) {
                do {
                    rules.append(try RecurrenceRule(parsing: text, limits: limits, strictness: .lenient))
                } catch {
                    throw .invalidRule(error)
                }
            }
            let zoneOf = { (value: ICalDateTime) -> ResolvedTimeZone in
                switch value.form {
                case .utc: .utc
                case .date, .floating: floatingZone
                case .local(let tzid): resolver.zone(forTZID: tzid) ?? floatingZone
                }
            }
            for rdate in master.rdates.prefix(limits.maxRecurrenceProperties) {
                let start = rdate.start
                let utc = zoneOf(start).utc(fromLocal: CivilDateTime(start).timestamp)
                let local = masterTiming.zone.local(fromUTC: utc)
                var end: Int64?
                if case .period(let period) = rdate {
                    switch period.end {
                    case .dateTime(let value): end = zoneOf(value).utc(fromLocal: CivilDateTime(value).timestamp)
                    case .duration(let duration): end = utc + Int64(duration.totalSeconds)
                    }
                }
                rdates.append((start.isDate ? CivilDateTime(start).timestamp : local, end))
            }
            for exdate in master.exdates.prefix(limits.maxRecurrenceProperties) {
                if exdate.isDate {
                    exdateDays.insert(CivilDateTime(exdate).dayNumber)
                } else {
                    exdates.insert(zoneOf(exdate).utc(fromLocal: CivilDateTime(exdate).timestamp))
                }
            }
        }
        self.rules = rules
        self.rdates = rdates
        self.exdates = exdates
        self.exdateDays = exdateDays
        var singles: [Int64: Int] = [:]
        var ranges: [(recurrenceID: Int64, index: Int)] = []
        var ids: [Int64?] = []
        for (index, override) in self.overrides.enumerated() {
            guard let identifier = override.recurrenceID else {
                ids.append(nil)
                continue
            }
            let value = identifier.dateTime
            let zone: ResolvedTimeZone =
                switch value.form {
                case .utc: .utc
                case .date, .floating: floatingZone
                case .local(let tzid): resolver.zone(forTZID: tzid) ?? floatingZone
                }
            let utc = zone.utc(fromLocal: CivilDateTime(value).timestamp)
            ids.append(utc)
            singles[utc] = index
            if identifier.thisAndFuture { ranges.append((utc, index)) }
        }
        singleOverrides = singles
        rangeOverrides = ranges.sorted { $0.recurrenceID < $1.recurrenceID }
        overrideIDs = ids
        overrideTimings = self.overrides.map(timing)
    }

    /// Whether the master recurs without end (an RRULE with neither COUNT nor UNTIL) (RFC 5545 §3.8.5).
    public var isUnbounded: Bool { rules.contains(where: \.isUnbounded) }

    /// The instances overlapping `[from, to)` (UTC seconds; nil = unbounded) per RFC 4791 §9.9, in
    /// order of start. Work is proportional to the window. Throws `tooManyInstances` past
    /// `ExpansionLimits.maxInstances`, including for an unbounded rule asked for an unbounded range.
    public func instances(from: Int64?, to: Int64?) throws(RecurrenceSetError) -> [RecurrenceInstance] {
        try instances(from: from, to: to, mode: .all)
    }

    /// How much of the set `instances(from:to:mode:)` expands.
    enum Mode {
        /// Every instance in the range.
        case all
        /// Each RRULE contributes only its first instance and EXDATEs and overrides do not remove
        /// master instances: a cheap lower bound of the first start (for `InstanceSpan`).
        case firstOfEachRule
        /// Stop at the first instance in the range, without failing on unbounded ranges (for the
        /// yes/no test of RFC 4791 §9.9).
        case anyMatch
    }

    /// Instances per RRULE at or after the range start examined by `.anyMatch` (more consecutive
    /// EXDATEs than this would hide a match); those in the look-back margin before the range do not
    /// count, so high-frequency rules reach the range.
    static let anyMatchLookahead = 1024

    func instances(from: Int64?, to: Int64?, mode: Mode) throws(RecurrenceSetError) -> [RecurrenceInstance] {
        var result: [RecurrenceInstance] = []
        func add(_ instance: RecurrenceInstance) throws(RecurrenceSetError) {
            guard TimeRangeOverlap.overlaps(instance, from: from, to: to) else { return }
            result.append(instance)
            if result.count > limits.maxInstances { throw .tooManyInstances(limit: limits.maxInstances) }
        }
        for (index, timing) in overrideTimings.enumerated() where overrideIDs[index] != nil {
            try add(timing.instance(recurrenceID: overrideIDs[index], overrideIndex: index))
        }
        if mode == .anyMatch, !result.isEmpty { return result }
        if let master, let start = master.start {
            try expandMaster(master, start: start, from: from, to: to, mode: mode) {
                instance throws(RecurrenceSetError) in
                try add(instance)
                return mode == .anyMatch && !result.isEmpty
            }
        } else if let master, overrides.isEmpty || overrideIDs.allSatisfy({ $0 == nil }) {
            try add(master.instance(recurrenceID: nil, overrideIndex: nil))
        }
        result.sort { ($0.start, $0.recurrenceID) < ($1.start, $1.recurrenceID) }
        return result
    }

    private func expandMaster(
        _ master: ComponentTiming,
        start: LocalTimestamp,
        from: Int64?,
        to: Int64?,
        mode: Mode,
        add: (RecurrenceInstance) throws(RecurrenceSetError) -> Bool
    ) throws(RecurrenceSetError) {
        let firstOnly = mode == .firstOfEachRule
        let margin = 2 * 86_400 + maxShift + Swift.max(master.maxLength, overrideTimings.map(\.maxLength).max() ?? 0)
        let seekLocal = from.map { master.zone.local(fromUTC: $0).secondsSinceEpoch - margin }
        let stopLocal = to.map { master.zone.local(fromUTC: $0).secondsSinceEpoch + 2 * 86_400 + maxShift }
        let rangeLocal = from.map { master.zone.local(fromUTC: $0).secondsSinceEpoch - maxShift } ?? .min
        var locals: [LocalTimestamp] = [start]
        let untilToLocal: @Sendable (CivilDateTime) -> CivilDateTime = { [zone = master.zone] utc in
            zone.local(fromUTC: utc.timestamp.secondsSinceEpoch).civil
        }
        for rule in rules {
            let iteratorOrNil = try? RecurrenceIterator(
                rule: rule,
                start: start.civil,
                isDate: master.isDate,
                utcToLocal: untilToLocal,
                limits: limits
            )
            guard var iterator = iteratorOrNil else { continue }
            if let seekLocal { iterator.seek(to: LocalTimestamp(secondsSinceEpoch: seekLocal)) }
            var produced = 0
            var inRange = 0
            while let next = iterator.next() {
                if let stopLocal, next.secondsSinceEpoch > stopLocal { break }
                produced += 1
                if next.secondsSinceEpoch >= rangeLocal { inRange += 1 }
                if mode == .anyMatch, inRange > Self.anyMatchLookahead { break }
                if produced > limits.maxInstances * 4 + 16 { throw .tooManyInstances(limit: limits.maxInstances) }
                locals.append(next)
                if firstOnly { break }
            }
        }
        var periodEnds: [LocalTimestamp: Int64] = [:]
        for rdate in rdates {
            locals.append(rdate.local)
            if let end = rdate.end { periodEnds[rdate.local] = end }
        }
        locals.sort()
        var previous: LocalTimestamp?
        for local in locals where local != previous {
            previous = local
            if let seekLocal, local.secondsSinceEpoch < seekLocal { continue }
            let recurrenceID = master.zone.utc(fromLocal: local)
            if !firstOnly {
                if exdates.contains(recurrenceID) || exdateDays.contains(local.dayNumber) { continue }
                if singleOverrides[recurrenceID] != nil { continue }
            }
            var timing = master
            timing.start = local
            var instance = timing.instance(recurrenceID: recurrenceID, overrideIndex: nil)
            if let end = periodEnds[local] {
                instance.end = end
                instance.localEnd = master.zone.local(fromUTC: end).civil
            }
            if let range = rangeOverrides.last(where: { $0.recurrenceID <= recurrenceID }) {
                shift(&instance, by: range)
            }
            if try add(instance) { return }
        }
    }

    /// Largest |DTSTART − RECURRENCE-ID| of the THISANDFUTURE overrides.
    private var maxShift: Int64 {
        rangeOverrides.map { range -> Int64 in
            let timing = overrideTimings[range.index]
            guard let start = timing.start else { return 0 }
            return abs(timing.zone.utc(fromLocal: start) - range.recurrenceID)
        }.max() ?? 0
    }

    /// RANGE=THISANDFUTURE (RFC 5545 §3.8.4.4): later instances move by the override's shift and
    /// take its duration.
    private func shift(_ instance: inout RecurrenceInstance, by range: (recurrenceID: Int64, index: Int)) {
        let timing = overrideTimings[range.index]
        guard let start = timing.start else { return }
        let overrideStart = timing.zone.utc(fromLocal: start)
        let delta = overrideStart - range.recurrenceID
        let length = timing.end(forLocalStart: start, utcStart: overrideStart) - overrideStart
        instance.start += delta
        instance.end = instance.start + length
        instance.localStart = timing.zone.local(fromUTC: instance.start).civil
        instance.localEnd = timing.zone.local(fromUTC: instance.end).civil
        instance.rule = timing.rule
        instance.overrideIndex = range.index
    }
}
