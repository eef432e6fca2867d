import Foundation

/// Makes commits durable outside the writer lock, and shares one `fdatasync` of the write-ahead log between every
/// commit that happened before it started.
///
/// The writer connection runs with `synchronous=NORMAL`: SQLite writes a transaction's WAL frames at COMMIT but
/// does not flush them (it still flushes the log before every checkpoint and after a log restart, which keeps the
/// database consistent after a crash: the log replays up to its last intact commit frame). A write is acknowledged
/// only after `sync(through:)` returned for its commit, i.e. after an `fdatasync` of the log that began once its
/// commit frame had been written — so an acknowledged write survives a crash exactly as with `synchronous=FULL`,
/// but the next batch of writers runs its SQL while the previous batch waits for the disk, and every commit that
/// lands during a flush is covered by the next one.
///
/// A caller may also ask to be told when a commit is on disk instead of waiting for it (`whenSynced`): a flush for
/// those runs on a serial dispatch queue, so no thread of the caller's waits for the disk (ADR 0019).
final class WALSync: @unchecked Sendable {
    private let path: String
    private let directory: String
    private let condition = NSCondition()
    /// Sequence number of the last commit (incremented under the writer lock, right after COMMIT returned).
    private var committed: UInt64 = 0
    /// Every commit up to this sequence number is on disk.
    private var synced: UInt64 = 0
    private var flushing = false
    /// An open descriptor of the log and its inode, so a log deleted and created again is noticed.
    private var descriptor: Int32 = -1
    private var inode: UInt64 = 0
    /// How many flushes ran (for tests and diagnostics).
    private(set) var flushCount = 0

    /// Callers told by `whenSynced` once the commit with their sequence number is on disk.
    private var waiters: [(sequence: UInt64, told: @Sendable (StoreError?) -> Void)] = []
    /// A flush for `waiters` is queued or running on `flushQueue`.
    private var flushScheduled = false
    private let flushQueue = DispatchQueue(label: "kalends-wal-flush")

    /// False when commits are flushed by SQLite itself (not in WAL mode, `synchronous=FULL`): `sync` returns at once.
    private let flushes: Bool

    /// Flushes the log of the database at `databasePath` (`<databasePath>-wal`), if `flushes`.
    init(databasePath: String, flushes: Bool = true) {
        path = databasePath + "-wal"
        directory = (databasePath as NSString).deletingLastPathComponent
        self.flushes = flushes
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// Records a commit; call under the writer lock right after COMMIT succeeded. Returns its sequence number.
    func didCommit() -> UInt64 {
        condition.withLock {
            committed += 1
            return committed
        }
    }

    /// The sequence number of the last commit.
    var lastCommit: UInt64 { condition.withLock { committed } }

    /// Every commit up to this sequence number is on disk.
    var syncedThrough: UInt64 { condition.withLock { synced } }

    /// Returns once every commit up to `sequence` is on disk: waits for a flush in progress, then flushes itself
    /// if that one began too early. Throws `.io` when the flush fails (the commit may or may not survive a crash).
    func sync(through sequence: UInt64) throws(StoreError) {
        guard flushes else { return }
        condition.lock()
        defer { condition.unlock() }
        while synced < sequence {
            if flushing {
                condition.wait()
                continue
            }
            if let failure = flushLocked() { throw failure }
        }
    }

    /// Calls `told` once every commit up to `sequence` is on disk — with nil, or with the error of the flush that
    /// should have covered it — at once if it is, else on the flush queue. `told` must not wait for anything.
    func whenSynced(through sequence: UInt64, _ told: @escaping @Sendable (StoreError?) -> Void) {
        guard flushes else { return told(nil) }
        let ready: Bool = condition.withLock {
            guard synced < sequence else { return true }
            waiters.append((sequence, told))
            if !flushScheduled {
                flushScheduled = true
                flushQueue.async { [self] in flushForWaiters() }
            }
            return false
        }
        if ready { told(nil) }
    }

    /// Flushes until no waiter is left, sharing flushes with `sync(through:)`.
    private func flushForWaiters() {
        condition.lock()
        defer { condition.unlock() }
        while !waiters.isEmpty {
            if flushing {
                condition.wait()
                continue
            }
            _ = flushLocked()
        }
        flushScheduled = false
    }

    /// Runs one flush covering every commit so far, with the lock released while the disk works; then tells the
    /// waiters it covered (unlocked). Returns the flush's failure. Call with the lock held and no flush running.
    private func flushLocked() -> StoreError? {
        flushing = true
        let target = committed
        condition.unlock()
        let failure = flush()
        condition.lock()
        flushing = false
        if failure == nil {
            flushCount += 1
            synced = max(synced, target)
        }
        let covered = waiters.filter { $0.sequence <= target }
        waiters.removeAll { $0.sequence <= target }
        condition.broadcast()
        condition.unlock()
        for waiter in covered { waiter.told(failure) }
        condition.lock()
        return failure
    }

    /// `fdatasync` of the log. The first time (and after the log was replaced) the directory is flushed too, so the
    /// log's directory entry is durable.
    private func flush() -> StoreError? {
        var status = stat()
        guard stat(path, &status) == 0 else { return .posix("stat", path, errno: errno) }
        if descriptor < 0 || inode != UInt64(status.st_ino) {
            if descriptor >= 0 { close(descriptor) }
            descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { return .posix("open", path, errno: errno) }
            var opened = stat()
            guard fstat(descriptor, &opened) == 0 else { return .posix("fstat", path, errno: errno) }
            inode = UInt64(opened.st_ino)
            do {
                try syncDirectory(directory)
            } catch {
                return error
            }
        }
        while fdatasync(descriptor) != 0 {
            if errno != EINTR { return .posix("fdatasync", path, errno: errno) }
        }
        return nil
    }
}
