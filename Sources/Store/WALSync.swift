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

    /// Called after every flush, without the lock held.
    private let flushEnded: @Sendable () -> Void
    /// False when commits are flushed by SQLite itself (not in WAL mode, `synchronous=FULL`): `sync` returns at once.
    private let flushes: Bool

    /// Flushes the log of the database at `databasePath` (`<databasePath>-wal`), if `flushes`, and calls
    /// `flushEnded` after each flush.
    init(databasePath: String, flushes: Bool = true, flushEnded: @escaping @Sendable () -> Void = {}) {
        path = databasePath + "-wal"
        directory = (databasePath as NSString).deletingLastPathComponent
        self.flushes = flushes
        self.flushEnded = flushEnded
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

    /// Whether a flush is in progress.
    var isFlushing: Bool { condition.withLock { flushing } }

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
            condition.broadcast()
            condition.unlock()
            flushEnded()
            condition.lock()
            if let failure { throw failure }
        }
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
