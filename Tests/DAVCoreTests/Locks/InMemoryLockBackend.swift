import DAVCore
import Synchronization

/// The in-memory twin of the store's lock table, for DAVCore tests: same contract as `LockBackend`, no access
/// control.
final class InMemoryLockBackend: LockBackend {
    private let storage = Mutex<[ActiveLock]>([])
    private let clock: TestClock

    init(clock: TestClock) { self.clock = clock }

    var all: [ActiveLock] { storage.withLock { $0 } }

    func locks(along path: DAVPath, includingDescendants: Bool, as principal: Principal) throws -> [ActiveLock] {
        let now = clock.now
        return storage.withLock { locks in
            locks.filter { Self.isAlong($0, path: path, includingDescendants: includingDescendants, now: now) }
        }
    }

    func createLock(_ lock: ActiveLock, check: ([ActiveLock]) throws -> Void, as principal: Principal) throws {
        let now = clock.now
        try storage.withLock { locks in
            locks.removeAll { $0.expires <= now }
            try check(locks.filter { Self.isAlong($0, path: lock.root, includingDescendants: lock.isDeep, now: now) })
            locks.append(lock)
        }
    }

    func refreshLock(token: String, expires: Int64, as principal: Principal) throws -> ActiveLock? {
        let now = clock.now
        return storage.withLock { locks in
            guard let index = locks.firstIndex(where: { $0.token == token && $0.expires > now }) else { return nil }
            locks[index].expires = expires
            return locks[index]
        }
    }

    func removeLock(token: String, as principal: Principal) throws -> Bool {
        storage.withLock { locks in
            let before = locks.count
            locks.removeAll { $0.token == token }
            return locks.count < before
        }
    }

    private static func isAlong(_ lock: ActiveLock, path: DAVPath, includingDescendants: Bool, now: Int64) -> Bool {
        lock.expires > now
            && (path.isDescendant(of: lock.root) || (includingDescendants && lock.root.isDescendant(of: path)))
    }
}
