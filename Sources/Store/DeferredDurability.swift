import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The commit a response must wait for before it acknowledges the writes of its request (ADR 0019).
///
/// Writes made inside `DataStore.deferringDurability` return once their commit is written to the log, not once the
/// log is flushed; the caller holds the acknowledgement back until `whenDurable` reports that the flush covering
/// the last of those commits ended — so an acknowledged write still survives a crash, and the thread that made the
/// write serves other requests while the disk works.
public struct PendingDurability: Sendable {
    let sequence: UInt64
    let walSync: WALSync

    /// Calls `told` once the writes are on disk (true), or their flush failed (false: they may not survive a crash
    /// and must not be acknowledged); at once on this thread if they already are, else on the flush queue. `told`
    /// must not wait for anything.
    public func whenDurable(_ told: @escaping @Sendable (Bool) -> Void) {
        walSync.whenSynced(through: sequence) { failure in told(failure == nil) }
    }
}

/// The writes a thread made inside `deferringDurability`: the store whose log they need flushed, and the last
/// commit sequence they need.
final class DurabilityScope {
    let walSync: WALSync
    var sequence: UInt64 = 0

    init(walSync: WALSync) {
        self.walSync = walSync
    }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        precondition(pthread_key_create(&key, nil) == 0, "pthread_key_create failed")
        return key
    }()

    /// The scope open on this thread, if any.
    static var current: DurabilityScope? {
        pthread_getspecific(key).map { Unmanaged<DurabilityScope>.fromOpaque($0).takeUnretainedValue() }
    }

    /// Runs `body` with `scope` as the thread's scope, restoring the previous one afterwards.
    static func with<T>(_ scope: DurabilityScope, _ body: () throws -> T) rethrows -> T {
        let previous = pthread_getspecific(key)
        pthread_setspecific(key, Unmanaged.passUnretained(scope).toOpaque())
        defer { pthread_setspecific(key, previous) }
        return try body()
    }
}

extension DataStore {
    /// Runs `body`, whose writes return once committed instead of once flushed, and returns its result with what
    /// the caller must wait for before telling anyone that those writes happened (nil when `body` wrote nothing
    /// that waits). A write that releases blobs still waits for its flush, which their removal needs.
    public func deferringDurability<T>(_ body: () throws -> T) rethrows -> (result: T, pending: PendingDurability?) {
        let scope = DurabilityScope(walSync: walSync)
        let result = try DurabilityScope.with(scope, body)
        guard scope.sequence > 0 else { return (result, nil) }
        return (result, PendingDurability(sequence: scope.sequence, walSync: walSync))
    }
}
