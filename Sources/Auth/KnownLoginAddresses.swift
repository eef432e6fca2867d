public import Foundation
import Synchronization

/// The client addresses each user has logged in from successfully, so that a lockout of the user name (someone
/// guessing that user's password from many addresses) does not lock out the user's own devices. Holds at most
/// `maxEntries` pairs and forgets a pair `lifetime` after its last successful login. Thread-safe.
public final class KnownLoginAddresses: Sendable {
    private let lifetime: TimeInterval
    private let maxEntries: Int
    private let lastSuccess = Mutex<[Pair: Date]>([:])

    private struct Pair: Hashable, Sendable {
        var user: String
        var address: String
    }

    /// A record keeping a pair for `lifetime` (30 days by default) after its last successful login.
    public init(lifetime: TimeInterval = 30 * 86_400, maxEntries: Int = 100_000) {
        self.lifetime = lifetime
        self.maxEntries = max(1, maxEntries)
    }

    /// Notes a successful login of `user` from `address`.
    public func record(user: String, address: String, now: Date = Date()) {
        lastSuccess.withLock { entries in
            if entries.count >= maxEntries {
                entries = entries.filter { $0.value.addingTimeInterval(lifetime) >= now }
                if entries.count >= maxEntries {
                    let oldest = entries.sorted { $0.value < $1.value }.prefix(entries.count / 10 + 1)
                    for (pair, _) in oldest { entries.removeValue(forKey: pair) }
                }
            }
            entries[Pair(user: user, address: address)] = now
        }
    }

    /// Whether `user` logged in successfully from `address` within the lifetime.
    public func contains(user: String, address: String, now: Date = Date()) -> Bool {
        lastSuccess.withLock { entries in
            entries[Pair(user: user, address: address)].map { $0.addingTimeInterval(lifetime) >= now } ?? false
        }
    }
}
