public import Foundation

extension DataStore {
    /// Unexpired locks rooted at `path` or at any of its ancestors (whatever their depth), and with
    /// `includingDescendants` also those rooted below it, oldest first (RFC 4918 §6, §7.5). One query on the path
    /// index; expired rows are skipped, not removed. No query at all while the store is known to hold no
    /// unexpired lock (`LockPresence`; recorded only by queries whose `now` is not in the future).
    public func locks(along path: String, includingDescendants: Bool, now: Date = Date()) throws -> [LockRecord] {
        try StorePath.validate(path)
        if lockPresence.isKnownFree { return [] }
        let generation = lockPresence.generation
        return try read { database throws(StoreError) in
            let repository = LockRepository(database: database)
            let found = try repository.locks(along: path, includingDescendants: includingDescendants, now: now)
            if found.isEmpty, now <= Date(), try !repository.anyUnexpired(now: now) {
                lockPresence.recordNoLocks(since: generation)
            }
            return found
        }
    }

    /// The unexpired lock with this token, or nil.
    public func lock(token: String, now: Date = Date()) throws -> LockRecord? {
        try read { database throws(StoreError) in try LockRepository(database: database).lock(token: token, now: now) }
    }

    /// Stores a new lock in one transaction: purges expired locks, then runs `check` with the unexpired locks
    /// that may overlap it — rooted at its path or an ancestor, and for a deep lock below it — and inserts the
    /// row if `check` returns (its error is rethrown unchanged and nothing is stored). The path need not exist.
    /// Throws `.notFound` for an unknown user, `.alreadyExists` for a token in use. Like `putResource`'s
    /// precondition, `check` must not call this store's write methods.
    public func createLock(_ lock: LockRecord, check: ([LockRecord]) throws -> Void) throws {
        try StorePath.validate(lock.path)
        defer { lockPresence.lockWritten() }
        try write { context in
            let locks = context.locks
            try locks.purgeExpired(now: lock.created)
            try check(try locks.locks(along: lock.path, includingDescendants: lock.isDeep, now: lock.created))
            guard let user = try context.users.user(named: lock.user) else { throw StoreError.notFound(lock.user) }
            guard try locks.lock(token: lock.token, now: .distantPast) == nil else {
                throw StoreError.alreadyExists(lock.token)
            }
            try locks.insert(lock, userID: user.id)
        }
    }

    /// Sets a new expiry on an unexpired lock (RFC 4918 §9.10.2 refresh) and returns it; nil when there is none.
    public func refreshLock(token: String, expires: Date, now: Date = Date()) throws -> LockRecord? {
        defer { lockPresence.lockWritten() }
        return try write { context in
            let locks = context.locks
            try locks.purgeExpired(now: now)
            guard try locks.setExpiry(token: token, expires: expires) else { return nil }
            return try locks.lock(token: token, now: now)
        }
    }

    /// Removes a lock (RFC 4918 §9.11 UNLOCK); returns whether an unexpired one existed.
    public func removeLock(token: String, now: Date = Date()) throws -> Bool {
        try write { context in
            let locks = context.locks
            try locks.purgeExpired(now: now)
            return try locks.remove(token: token)
        }
    }
}
