import Synchronization

/// Remembers that the store holds no unexpired lock, so the lock check every write method makes (RFC 4918 §7)
/// costs no query while nobody locks anything.
///
/// Lock writes bump `generation` after they commit. A reader that found no unexpired lock records the generation
/// it read *before* its query, and only if no lock write finished meanwhile; while the generation stays there, the
/// answer stays true (locks only expire, and extending one is a lock write).
final class LockPresence: Sendable {
    private struct State {
        var generation: UInt64 = 0
        var knownFreeAt: UInt64?
    }

    private let state = Mutex(State())

    /// The current generation, to pass to `recordNoLocks(since:)` after a query that found none.
    var generation: UInt64 { state.withLock { $0.generation } }

    /// Whether no unexpired lock exists, as recorded since the last lock write.
    var isKnownFree: Bool { state.withLock { $0.knownFreeAt == $0.generation } }

    /// Records that a query begun at `generation` found no unexpired lock.
    func recordNoLocks(since generation: UInt64) {
        state.withLock { if $0.generation == generation { $0.knownFreeAt = generation } }
    }

    /// Called after every lock write, committed or not.
    func lockWritten() {
        state.withLock { $0.generation &+= 1 }
    }
}
