import Recurrence
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The ``StoredExpansionPlan``s of objects expanded lately, by their bytes, floating zone and limits: a client
/// that shows a month of a calendar expanded (RFC 4791 §9.6.5) asks again for the same objects over and over, and
/// building a plan (finding the lines, parsing the timing properties, building the recurrence sets) costs more
/// than writing the instances. Bounded by the bytes of the objects it holds. A plan keeps its floating zone alive,
/// so the zone's ``ResolvedTimeZone/Identity`` in its key stays meaningful (an object without a plan does not
/// depend on the zone).
final class StoredExpansionPlanCache: Sendable {
    /// What a plan is made from.
    struct Key: Hashable, Sendable {
        let stored: [UInt8]
        let floating: ResolvedTimeZone.Identity
        let limits: ExpansionLimits

        static func == (left: Key, right: Key) -> Bool {
            left.floating == right.floating && left.limits == right.limits && left.stored.count == right.stored.count
                && left.stored.withUnsafeBytes { leftBytes in
                    right.stored.withUnsafeBytes { rightBytes in
                        guard let leftBase = leftBytes.baseAddress, let rightBase = rightBytes.baseAddress else {
                            return true
                        }
                        return memcmp(leftBase, rightBase, leftBytes.count) == 0
                    }
                }
        }

        /// Hashes the bytes eight at a time (multiply and rotate), cheaper than feeding each byte to `Hasher`
        /// for objects of a few kilobytes; equal keys still compare every byte.
        func hash(into hasher: inout Hasher) {
            hasher.combine(Self.digest(stored))
            hasher.combine(floating)
            hasher.combine(limits)
        }

        private static func digest(_ bytes: [UInt8]) -> UInt64 {
            bytes.withUnsafeBytes { raw in
                var state = UInt64(raw.count) &* 0x9E37_79B9_7F4A_7C15
                var offset = 0
                while offset + 8 <= raw.count {
                    state =
                        (state ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
                    state = state << 31 | state >> 33
                    offset += 8
                }
                while offset < raw.count {
                    state = (state ^ UInt64(raw[offset])) &* 0xC4CE_B9FE_1A85_EC53
                    offset += 1
                }
                return state
            }
        }
    }

    /// The cache the renderer uses: 4 MiB, a month of a 10,000-event calendar (resident memory grows by ~8–15 MiB
    /// with it under eight concurrent expansions, against a budget of 100 MiB at 100,000 events).
    static let shared = StoredExpansionPlanCache(byteLimit: 4 << 20)

    private struct Contents {
        var plans: [Key: StoredExpansionPlan?] = [:]
        var bytes = 0
        /// Lookups that found nothing since the last one that found a plan.
        var missesSinceHit = 0
    }

    private let contents = Mutex(Contents())
    /// Most bytes of objects held.
    let byteLimit: Int

    init(byteLimit: Int) { self.byteLimit = byteLimit }

    /// What a plan is counted at: three times its object, about what the object, its instance templates, parsed
    /// timing lines and recurrence sets take together (measured: ~3.3 MB of resident memory for the 484 plans of a
    /// month of the 10,000-event benchmark calendar, 1.1 MB of objects).
    static func cost(of key: Key) -> Int { key.stored.count * 3 }

    /// The plan remembered for `key`: nil when none is; `.some(nil)` when the object was found to have none.
    func plan(for key: Key) -> StoredExpansionPlan?? {
        contents.withLock { contents in
            if let found = contents.plans[key] {
                contents.missesSinceHit = 0
                return found
            }
            contents.missesSinceHit += 1
            return nil
        }
    }

    /// Remembers `plan` (or that there is none) for `key` while there is room. A full cache admits nothing more:
    /// a month of a calendar larger than the cache then keeps finding the part it holds, where making room would
    /// drop plans on every request and find none (measured at 100,000 events: dropping plans at random cost more
    /// than it saved). A full cache that stops being useful — more than twice as many misses in a row as it holds
    /// plans — starts over, so objects that changed or months no longer asked for leave it.
    func remember(_ plan: StoredExpansionPlan?, for key: Key) {
        let cost = Self.cost(of: key)
        guard cost <= byteLimit else { return }
        let dropped: Contents? = contents.withLock { contents in
            var dropped: Contents?
            if contents.bytes + cost > byteLimit {
                guard contents.missesSinceHit > 2 * contents.plans.count else { return nil }
                dropped = contents
                contents = Contents()
            }
            if contents.plans.updateValue(plan, forKey: key) == nil { contents.bytes += cost }
            return dropped
        }
        _ = dropped  // the plans a fresh start drops are released here, outside the lock
    }
}
