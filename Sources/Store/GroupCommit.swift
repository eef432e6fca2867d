import Foundation

/// Group commit: concurrent write transactions share one SQLite COMMIT, and one flush of the WAL per commit.
///
/// A writer queues its work and waits for the writer lock. Whoever gets the lock first takes every queued job and
/// runs each inside its own SAVEPOINT of one `BEGIN IMMEDIATE` transaction — a job that throws is rolled back to
/// its savepoint alone, so its failure is its own; jobs queued while the transaction runs join it, and it commits
/// as soon as none is left. The flush of the log happens after the writer lock is released (`WALSync`), so the next
/// transaction runs its SQL while the disk works, and one flush covers every commit made before it began. A write
/// is acknowledged only after the commit it was part of succeeded and an `fdatasync` of the log that began after
/// that commit — as durable as with one transaction per write and `synchronous=FULL`. Its thread either waits for
/// that flush or, inside `deferringDurability`, leaves the wait to the caller (ADR 0019).
final class WriteQueue: @unchecked Sendable {
    /// One queued write transaction.
    final class Job: @unchecked Sendable {
        let run: (WriteContext) throws -> Void
        /// Set when the job has been committed or has failed; read by its owner under the writer lock.
        var finished = false
        var failure: (any Error)?
        /// The `WALSync` sequence number of the commit that included the job.
        var commitSequence: UInt64 = 0
        /// Blobs the committed job no longer references; unlinked once the commit is on disk.
        var releasedBlobs: Set<String> = []

        init(_ run: @escaping (WriteContext) throws -> Void) {
            self.run = run
        }
    }

    private let lock = NSLock()
    private var pending: [Job] = []

    /// Queues a job.
    func enqueue(_ job: Job) {
        lock.withLock { pending.append(job) }
    }

    /// Puts jobs back at the front, in order (after an aborted batch).
    func requeue(_ jobs: ArraySlice<Job>) {
        lock.withLock { pending.insert(contentsOf: jobs, at: 0) }
    }

    /// Takes every queued job, oldest first.
    func takeAll() -> [Job] {
        lock.withLock {
            defer { pending.removeAll(keepingCapacity: true) }
            return pending
        }
    }

}

extension DataStore {
    /// Runs `body` as a write transaction, batched with the writes of other threads into one commit (see
    /// `WriteQueue`), and returns once the commit is on disk (`WALSync`) — or, inside `deferringDurability`, once
    /// it is committed, leaving the wait to the caller. Then blobs released by the transaction
    /// are unlinked if no longer referenced; after a failure, blobs it installed are. Both cleanups are best-effort
    /// and happen under the writer lock after every commit so far is on disk, so they cannot race another write
    /// and never unlink a blob that the state a crash would come back to still references. Unless the caller
    /// declares that the transaction changes no collection, the collection cache is emptied once it has ended.
    func write<T>(changingCollections: Bool = true, _ body: (WriteContext) throws -> T) throws -> T {
        try withoutActuallyEscaping(body) { body in
            var result: T?
            let job = WriteQueue.Job { context in result = try body(context) }
            writeQueue.enqueue(job)
            pool.withWriter { database in
                while !job.finished {
                    runBatch(writeQueue.takeAll(), on: database)
                }
            }
            if changingCollections { collectionCache.invalidate() }
            if let failure = job.failure { throw failure }
            if job.releasedBlobs.isEmpty, let scope = DurabilityScope.current, scope.walSync === walSync {
                scope.sequence = max(scope.sequence, job.commitSequence)
            } else {
                try walSync.sync(through: job.commitSequence)
            }
            if !job.releasedBlobs.isEmpty {
                pool.withWriter { database in removeUnreferenced(job.releasedBlobs, database: database) }
            }
            guard let result else { throw StoreError.corrupt("a write finished without a result") }
            return result
        }
    }

    /// Runs queued jobs in one transaction, each in its own savepoint, and commits them together; jobs queued while
    /// it runs join it. Blobs installed by jobs that failed are unlinked (if unreferenced) only once the transaction
    /// has ended, so the check never reads its uncommitted state.
    private func runBatch(_ first: [WriteQueue.Job], on database: Database) {
        guard !first.isEmpty else { return }
        do {
            try database.run("BEGIN IMMEDIATE")
        } catch {
            finish(first, failure: error)
            return
        }
        var batch = Batch()
        var jobs = first
        while !jobs.isEmpty {
            guard run(jobs, on: database, into: &batch) else { return }
            jobs = writeQueue.takeAll()
        }
        do {
            try database.run("COMMIT")
        } catch {
            database.rollbackIfOpen()
            for (job, context) in batch.committed {
                batch.abandonedBlobs.formUnion(context.installedBlobs)
                finish([job], failure: error)
            }
            removeUnreferenced(batch.abandonedBlobs, database: database)
            return
        }
        let sequence = walSync.didCommit()
        for (job, context) in batch.committed {
            job.commitSequence = sequence
            job.releasedBlobs = context.releasedBlobs
            finish([job], failure: nil)
        }
        removeUnreferenced(batch.abandonedBlobs, database: database)
    }

    /// The jobs of one transaction so far.
    private struct Batch {
        /// Jobs whose savepoint was released, with their contexts.
        var committed: [(WriteQueue.Job, WriteContext)] = []
        /// Blobs installed by jobs that failed.
        var abandonedBlobs: Set<String> = []
    }

    /// Runs jobs in the open transaction, recording them in `batch`: each in its own savepoint, except a job that
    /// starts while the transaction holds no other job's changes — rolling back the transaction undoes that one alone,
    /// and without a savepoint SQLite keeps no sub-journal of the pages it changes (which spills to a temporary file
    /// beyond 64 KiB). Returns false when a failure ended the whole transaction with other jobs in it, or a new one
    /// could not begin: then every job of it has been finished with that failure, its blobs have been released and
    /// the rest of `jobs` is queued again.
    private func run(_ jobs: [WriteQueue.Job], on database: Database, into batch: inout Batch) -> Bool {
        for (index, job) in jobs.enumerated() {
            let context = WriteContext(database: database)
            let alone = batch.committed.isEmpty
            do {
                if !alone { try database.run("SAVEPOINT job") }
                try job.run(context)
                if !alone { try database.run("RELEASE job") }
                batch.committed.append((job, context))
            } catch {
                batch.abandonedBlobs.formUnion(context.installedBlobs)
                finish([job], failure: error)
                if alone {
                    database.rollbackIfOpen()
                    do {
                        try database.run("BEGIN IMMEDIATE")
                        continue
                    } catch {
                        removeUnreferenced(batch.abandonedBlobs, database: database)
                        writeQueue.requeue(jobs[(index + 1)...])
                        return false
                    }
                }
                guard database.isInTransaction else {
                    // The failure ended the whole transaction (an I/O error, a full disk): the jobs before this
                    // one are lost with it, and the ones after run again in a new batch.
                    for (earlier, earlierContext) in batch.committed {
                        batch.abandonedBlobs.formUnion(earlierContext.installedBlobs)
                        finish([earlier], failure: error)
                    }
                    removeUnreferenced(batch.abandonedBlobs, database: database)
                    writeQueue.requeue(jobs[(index + 1)...])
                    return false
                }
                _ = try? database.run("ROLLBACK TO job")
                _ = try? database.run("RELEASE job")
            }
        }
        return true
    }

    private func finish(_ jobs: [WriteQueue.Job], failure: (any Error)?) {
        for job in jobs {
            job.failure = failure
            job.finished = true
        }
    }
}
