public import Foundation
import Synchronization

/// Throttles failed logins per client address. After `freeAttempts` failures within
/// `window`, the address is locked out (its attempts are refused without checking the
/// password) for a delay that doubles with every further failure, from `baseLockout`
/// up to `maxLockout`. An address is forgotten after `window` of quiet following its last
/// failure or lockout, or on a success. At most `maxEntries` addresses are tracked
/// (expired ones are purged first, then the oldest are evicted). Thread-safe.
public final class LoginThrottle: Sendable {
    private let freeAttempts: Int
    private let window: TimeInterval
    private let maxLockout: TimeInterval
    private let baseLockout: TimeInterval
    private let maxEntries: Int
    private let entries = Mutex<[String: Entry]>([:])

    private struct Entry: Sendable {
        var failures: Int
        var lastFailure: Date
        var lockedUntil: Date

        /// When the address may be forgotten.
        func expiry(window: TimeInterval) -> Date {
            max(lastFailure, lockedUntil).addingTimeInterval(window)
        }
    }

    /// A throttle; `baseLockout` is the first lockout's length (then doubled per failure).
    public init(
        freeAttempts: Int = 5,
        window: TimeInterval = 60,
        maxLockout: TimeInterval = 900,
        maxEntries: Int = 100_000,
        baseLockout: TimeInterval = 1
    ) {
        self.freeAttempts = max(1, freeAttempts)
        self.window = window
        self.maxLockout = maxLockout
        self.baseLockout = baseLockout
        self.maxEntries = max(1, maxEntries)
    }

    /// Whether attempts from `address` are currently refused.
    public func isLockedOut(_ address: String, now: Date = Date()) -> Bool {
        entries.withLock { $0[address].map { $0.lockedUntil > now } ?? false }
    }

    /// Counts a failed attempt; the `freeAttempts`-th failure and every later one (until
    /// the address is forgotten) starts a lockout of `baseLockout * 2^(failures - freeAttempts)`,
    /// capped at `maxLockout`.
    public func recordFailure(_ address: String, now: Date = Date()) {
        entries.withLock { entries in
            var entry = entries[address] ?? Entry(failures: 0, lastFailure: now, lockedUntil: .distantPast)
            if entry.expiry(window: window) < now {
                entry = Entry(failures: 0, lastFailure: now, lockedUntil: .distantPast)
            }
            entry.failures += 1
            entry.lastFailure = now
            if entry.failures >= freeAttempts {
                let exponent = min(entry.failures - freeAttempts, 40)
                let delay = min(maxLockout, baseLockout * pow(2, Double(exponent)))
                entry.lockedUntil = now.addingTimeInterval(delay)
            }
            entries[address] = entry
            if entries.count > maxEntries { evict(&entries, now: now) }
        }
    }

    /// Forgets the address after a successful login.
    public func recordSuccess(_ address: String) {
        _ = entries.withLock { $0.removeValue(forKey: address) }
    }

    /// The number of addresses tracked (for tests and metrics).
    public var trackedAddresses: Int {
        entries.withLock { $0.count }
    }

    /// Drops expired entries, then the oldest until 90 % of the cap remain.
    private func evict(_ entries: inout [String: Entry], now: Date) {
        entries = entries.filter { $0.value.expiry(window: window) >= now }
        let target = maxEntries - maxEntries / 10
        guard entries.count > target else { return }
        let oldest = entries.sorted { $0.value.lastFailure < $1.value.lastFailure }.prefix(entries.count - target)
        for (address, _) in oldest { entries.removeValue(forKey: address) }
    }
}
