/// Where locks live (RFC 4918 §6, §7), kept apart from `DAVBackend` so resource backends need not know about
/// locking. Implementations enforce the same access control as their resource backend, never return expired
/// locks, and make every call one transaction.
///
/// The protocol stores and finds locks; what makes two locks conflict, and which tokens a write must submit,
/// is decided by `LockManager` and `DAVContext.checkLocks(forWriting:request:)`.
public protocol LockBackend: Sendable {
    /// The unexpired locks rooted at `path` or at any of its ancestors (whatever their depth), and with
    /// `includingDescendants` also those rooted below `path`. One query; callers filter with
    /// `ActiveLock.covers(_:)`.
    func locks(along path: DAVPath, includingDescendants: Bool, as principal: Principal) throws -> [ActiveLock]

    /// Stores `lock` atomically after `check` accepted the unexpired locks that overlap it: those rooted at its
    /// root or an ancestor, and for a Depth-infinity lock those rooted below it. `check` throws to refuse
    /// (its error is rethrown unchanged); it runs inside the transaction, so two LOCK requests cannot both pass.
    func createLock(_ lock: ActiveLock, check: ([ActiveLock]) throws -> Void, as principal: Principal) throws

    /// Sets a new expiry on the unexpired lock with this token and returns it; nil when there is none.
    func refreshLock(token: String, expires: Int64, as principal: Principal) throws -> ActiveLock?

    /// Removes the lock with this token; false when there was none.
    func removeLock(token: String, as principal: Principal) throws -> Bool
}
