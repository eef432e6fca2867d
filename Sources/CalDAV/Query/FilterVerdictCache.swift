import Recurrence
import Synchronization

/// Whether objects passed a `calendar-query` filter (RFC 4791 §9.7), by filter and by object: the index decides a
/// plain time range for most events, but a recurring event without a list of exact instances has to be parsed and
/// expanded, and a client showing a month asks the same filter of the same events again and again.
///
/// A verdict depends on the object's bytes, the filter, the floating time zone and the expansion limits (RFC 4791
/// §9.9); an object is known by its entity tag, a digest of its bytes, so a changed object is tested anew.
/// Bounded by the number of verdicts; when full, the filters used least recently go first.
final class FilterVerdictCache: Sendable {
    /// What a verdict depends on besides the object.
    struct Key: Hashable, Sendable {
        let filter: CalendarFilter
        let floating: ResolvedTimeZone.Key
        let limits: ExpansionLimits
    }

    private struct Verdicts {
        var byEntityTag: [String: Bool] = [:]
        var lastUse: UInt64 = 0
    }

    private struct State {
        var filters: [Key: Verdicts] = [:]
        var count = 0
        var clock: UInt64 = 0
    }

    /// The cache the calendar-query report uses: 200,000 verdicts, a few MiB at most.
    static let shared = FilterVerdictCache(limit: 200_000)

    /// Most verdicts held.
    let limit: Int
    private let state = Mutex(State())

    init(limit: Int) { self.limit = limit }

    /// The verdicts known for `filter` read in `zone` within `limits`, by entity tag.
    func verdicts(for filter: CalendarFilter, zone: ResolvedTimeZone, limits: ExpansionLimits) -> [String: Bool] {
        let key = Key(filter: filter, floating: ResolvedTimeZone.Key(zone), limits: limits)
        return state.withLock { state in
            guard state.filters[key] != nil else { return [:] }
            state.clock += 1
            state.filters[key]?.lastUse = state.clock
            return state.filters[key]?.byEntityTag ?? [:]
        }
    }

    /// Remembers `verdicts` (by entity tag) for `filter` read in `zone` within `limits`, making room by dropping
    /// the verdicts of the filters used least recently; what does not fit then is not kept.
    func remember(
        _ verdicts: [String: Bool],
        for filter: CalendarFilter,
        zone: ResolvedTimeZone,
        limits: ExpansionLimits
    ) {
        guard !verdicts.isEmpty else { return }
        let key = Key(filter: filter, floating: ResolvedTimeZone.Key(zone), limits: limits)
        let released: [Verdicts] = state.withLock { state in
            var released: [Verdicts] = []
            while state.count + verdicts.count > limit,
                let oldest = state.filters.filter({ $0.key != key }).min(by: { $0.value.lastUse < $1.value.lastUse })
            {
                state.count -= oldest.value.byEntityTag.count
                released.append(state.filters.removeValue(forKey: oldest.key) ?? oldest.value)
            }
            var entry = state.filters.removeValue(forKey: key) ?? Verdicts()
            state.count -= entry.byEntityTag.count
            state.clock += 1
            entry.lastUse = state.clock
            for (tag, verdict) in verdicts where entry.byEntityTag.count < limit - state.count {
                entry.byEntityTag[tag] = verdict
            }
            state.count += entry.byEntityTag.count
            state.filters[key] = entry
            return released
        }
        _ = released  // released outside the lock
    }

    /// The verdicts held.
    var count: Int { state.withLock { $0.count } }
}
