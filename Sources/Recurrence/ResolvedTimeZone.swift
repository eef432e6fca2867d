public import Foundation

/// A time zone that maps local (wall-clock) time to UTC and back: a VTIMEZONE evaluated from its
/// observances (RFC 5545 §3.6.5), a system (IANA) zone, or a fixed offset.
public struct ResolvedTimeZone: Sendable {
    enum Source: Sendable {
        case fixed(Int)
        case transitions(TransitionTable)
        case system(TimeZone)
    }

    let source: Source
    /// The TZID or IANA identifier this zone was resolved from (RFC 5545 §3.6.5).
    public let identifier: String

    /// What tells zones apart for a cache: equal identities map every instant alike. A zone evaluated from
    /// observances is identified by its table object, so an identity is only meaningful while its zone is
    /// kept alive (a cache holds the zone beside the identity).
    public struct Identity: Sendable, Hashable {
        private enum Kind: Sendable, Hashable {
            case fixed(Int)
            case table(ObjectIdentifier)
            case system(String)
        }

        private let kind: Kind

        fileprivate init(_ source: Source) {
            switch source {
            case .fixed(let offset): kind = .fixed(offset)
            case .transitions(let table): kind = .table(ObjectIdentifier(table))
            case .system(let zone): kind = .system(zone.identifier)
            }
        }
    }

    /// This zone's ``Identity``.
    public var identity: Identity { Identity(source) }

    /// A zone as part of a cache key: equal by ``Identity``, and holding the zone, so that while the key is kept
    /// its identity names no other zone.
    public struct Key: Sendable, Hashable {
        /// The zone named.
        public let zone: ResolvedTimeZone

        /// The key of `zone`.
        public init(_ zone: ResolvedTimeZone) { self.zone = zone }

        /// Whether the keys name the same zone.
        public static func == (left: Key, right: Key) -> Bool { left.zone.identity == right.zone.identity }

        /// Hashes the zone's identity.
        public func hash(into hasher: inout Hasher) { hasher.combine(zone.identity) }
    }

    /// UTC (RFC 5545 §3.3.5 form #2).
    public static let utc = ResolvedTimeZone(source: .fixed(0), identifier: "UTC")

    /// A zone with a constant UTC offset in seconds (RFC 5545 §3.3.14).
    public static func fixed(offsetSeconds: Int, identifier: String) -> ResolvedTimeZone {
        ResolvedTimeZone(source: .fixed(offsetSeconds), identifier: identifier)
    }

    /// A zone of the system tz database (RFC 7809 §3: time zones by reference). Its transitions
    /// for 1900–2100 are tabulated once when Foundation reports them all consistently.
    public init(system zone: TimeZone) {
        identifier = zone.identifier
        source = TransitionTable(system: zone).map(Source.transitions) ?? .system(zone)
    }

    init(source: Source, identifier: String) {
        self.source = source
        self.identifier = identifier
    }

    /// The UTC offset, in seconds, in force at a UTC instant (seconds since the Unix epoch) (RFC 5545 §3.6.5).
    public func offset(atUTC utc: Int64) -> Int {
        switch source {
        case .fixed(let offset): offset
        case .transitions(let table): table.offset(atUTC: utc)
        case .system(let zone): zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(utc)))
        }
    }

    /// The local time of a UTC instant (RFC 5545 §3.6.5).
    public func local(fromUTC utc: Int64) -> LocalTimestamp {
        LocalTimestamp(secondsSinceEpoch: utc + Int64(offset(atUTC: utc)))
    }

    /// The UTC instant of a local time, per RFC 5545 §3.3.5: a local time that occurs twice
    /// (daylight → standard) means the first occurrence; one that does not occur (in the gap of
    /// standard → daylight) is read with the UTC offset before the gap, i.e. moves forward.
    public func utc(fromLocal local: LocalTimestamp) -> Int64 {
        let value = local.secondsSinceEpoch
        if case .fixed(let offset) = source { return value - Int64(offset) }
        let before = Int64(offset(atUTC: value - 172_800))
        let after = Int64(offset(atUTC: value + 172_800))
        if before == after { return value - before }
        let early = value - before
        if Int64(offset(atUTC: early)) == before { return early }
        let late = value - after
        if Int64(offset(atUTC: late)) == after { return late }
        return early
    }
}

/// The onsets of a VTIMEZONE's observances (RFC 5545 §3.6.5), as UTC instants with the offset
/// that starts at each, precomputed over a range of years and computed on demand beyond it.
final class TransitionTable: Sendable {
    struct Observance: Sendable {
        var start: CivilDateTime
        var offsetFrom: Int
        var offsetTo: Int
        var rules: [RecurrenceRule]
        var dates: [CivilDateTime]
    }

    let observances: [Observance]
    let system: TimeZone?
    let instants: [Int64]
    let offsets: [Int]
    let initialOffset: Int
    let tableStart: Int64
    let tableEnd: Int64

    static let firstYear = 1900
    static let lastYear = 2100

    init(observances: [Observance]) {
        self.observances = observances
        system = nil
        let earliest = observances.min { $0.start < $1.start }
        initialOffset = earliest?.offsetFrom ?? 0
        let from = GregorianMath.dayNumber(year: Self.firstYear, month: 1, day: 1) * 86_400
        tableStart = from
        tableEnd = GregorianMath.dayNumber(year: Self.lastYear + 1, month: 1, day: 1) * 86_400
        let all = Self.onsets(of: observances, fromLocal: from, toLocal: tableEnd)
        instants = all.map(\.0)
        offsets = all.map(\.1)
    }

    /// Onsets between two local times, sorted by UTC instant; at most a few per year per observance.
    static func onsets(of observances: [Observance], fromLocal: Int64, toLocal: Int64) -> [(Int64, Int)] {
        var result: [(Int64, Int)] = []
        let limits = ExpansionLimits(maxInstances: 10_000, maxEmptyIterations: 1_000)
        for observance in observances {
            let shift = Int64(observance.offsetFrom)
            let toLocalTime: @Sendable (CivilDateTime) -> CivilDateTime = { utc in
                CivilDateTime(LocalTimestamp(secondsSinceEpoch: utc.timestamp.secondsSinceEpoch + shift))
            }
            var locals: [Int64] = [observance.start.timestamp.secondsSinceEpoch]
            locals += observance.dates.map { $0.timestamp.secondsSinceEpoch }
            for rule in observance.rules {
                guard
                    var iterator = try? RecurrenceIterator(
                        rule: rule,
                        start: observance.start,
                        utcToLocal: toLocalTime,
                        limits: limits
                    )
                else { continue }
                iterator.seek(to: LocalTimestamp(secondsSinceEpoch: fromLocal))
                var produced = 0
                while produced < limits.maxInstances, let next = iterator.next(), next.secondsSinceEpoch < toLocal {
                    locals.append(next.secondsSinceEpoch)
                    produced += 1
                }
            }
            for local in locals where local >= fromLocal && local < toLocal {
                result.append((local - shift, observance.offsetTo))
            }
        }
        result.sort { $0.0 < $1.0 }
        return result
    }

    /// Tabulates a system zone's transitions; nil unless the table reproduces Foundation's offset
    /// at every transition and between each pair of them.
    init?(system zone: TimeZone) {
        let start = GregorianMath.dayNumber(year: Self.firstYear, month: 1, day: 1) * 86_400
        let end = GregorianMath.dayNumber(year: Self.lastYear + 1, month: 1, day: 1) * 86_400
        func offset(_ utc: Int64) -> Int { zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(utc))) }
        var instants: [Int64] = []
        var offsets: [Int] = []
        var cursor = Date(timeIntervalSince1970: TimeInterval(start))
        while instants.count < 4000, let next = zone.nextDaylightSavingTimeTransition(after: cursor),
            next.timeIntervalSince1970 < TimeInterval(end)
        {
            let instant = Int64(next.timeIntervalSince1970.rounded())
            instants.append(instant)
            offsets.append(offset(instant))
            cursor = next
        }
        let initial = offset(start)
        var previous = start
        for (index, instant) in (instants + [end]).enumerated() {
            let expected = index == 0 ? initial : offsets[index - 1]
            var probe = previous
            while probe < instant {
                if offset(probe) != expected { return nil }
                probe += 30 * 86_400
            }
            if offset(instant - 1) != expected { return nil }
            previous = instant
        }
        observances = []
        system = zone
        self.instants = instants
        self.offsets = offsets
        initialOffset = initial
        tableStart = start
        tableEnd = end
    }

    func offset(atUTC utc: Int64) -> Int {
        if let system, utc >= tableEnd || utc < tableStart {
            return system.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(utc)))
        }
        if utc >= tableEnd {
            let year = GregorianMath.civil(fromDayNumber: GregorianMath.floorDiv(utc, 86_400)).year
            let from = GregorianMath.dayNumber(year: year - 1, month: 1, day: 1) * 86_400
            let onsets = Self.onsets(of: observances, fromLocal: from, toLocal: utc + 86_400)
            if let last = onsets.last(where: { $0.0 <= utc }) { return last.1 }
        }
        var low = 0
        var high = instants.count
        while low < high {
            let middle = (low + high) / 2
            if instants[middle] <= utc { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? initialOffset : offsets[low - 1]
    }
}
