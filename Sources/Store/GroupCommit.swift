import Foundation

/// Group commit: concurrent write transactions share one SQLite COMMIT, and so one fsync of the WAL.
///
/// A writer queues its work and waits for the writer lock. Whoever gets the lock first takes every queued job,
/// runs each inside its own SAVEPOINT of one `BEGIN IMMEDIATE` transaction — a job that throws is rolled back to
/// its savepoint alone, so its failure is its own — and commits once. Every job returns only after the commit it
/// was part of succeeded, so an acknowledged write is as durable as with one transaction per write; under
/// concurrency the cost of `synchronous=FULL` is paid once per batch instead of once per write.
final class WriteQueue: @unchecked Sendable {
    /// One queued write transaction.
    final class Job: @unchecked Sendable {
        let run: (WriteContext) throws -> Void
        /// Set when the job has been committed or has failed; read by its owner under the writer lock.
        var finished = false
        var failure: (any Error)?

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
    /// `WriteQueue`). After the commit, blobs released by the transaction are unlinked if no longer referenced;
    /// after a failure, blobs it installed are. Both cleanups are best-effort and happen under the writer lock,
    /// so they cannot race another write.
    func write<T>(_ body: (WriteContext) throws -> T) throws -> T {
        try withoutActuallyEscaping(body) { body in
            var result: T?
            let job = WriteQueue.Job { context in result = try body(context) }
            writeQueue.enqueue(job)
            pool.withWriter { database in
                while !job.finished {
                    runBatch(writeQueue.takeAll(), on: database)
                }
            }
            if let failure = job.failure { throw failure }
            guard let result else { throw StoreError.corrupt("a write finished without a result") }
            return result
        }
    }

    /// Runs queued jobs in one transaction, each in its own savepoint, and commits them together.
    private func runBatch(_ batch: [WriteQueue.Job], on database: Database) {
        guard !batch.isEmpty else { return }
        do {
            try database.run("BEGIN IMMEDIATE")
        } catch {
            finish(batch, failure: error)
            return
        }
        var committed: [(WriteQueue.Job, WriteContext)] = []
        for (index, job) in batch.enumerated() {
            let context = WriteContext(database: database)
            do {
                try database.run("SAVEPOINT job")
                try job.run(context)
                try database.run("RELEASE job")
                committed.append((job, context))
            } catch {
                guard database.isInTransaction else {
                    // The failure ended the whole transaction (an I/O error, a full disk): the jobs before this
                    // one are lost with it, and the ones after run again in a new batch.
                    removeUnreferenced(context.installedBlobs, database: database)
                    for (earlier, earlierContext) in committed {
                        removeUnreferenced(earlierContext.installedBlobs, database: database)
                        finish([earlier], failure: error)
                    }
                    finish([job], failure: error)
                    writeQueue.requeue(batch[(index + 1)...])
                    return
                }
                _ = try? database.run("ROLLBACK TO job")
                _ = try? database.run("RELEASE job")
                removeUnreferenced(context.installedBlobs, database: database)
                finish([job], failure: error)
            }
        }
        do {
            try database.run("COMMIT")
        } catch {
            database.rollbackIfOpen()
            for (job, context) in committed {
                removeUnreferenced(context.installedBlobs, database: database)
                finish([job], failure: error)
            }
            return
        }
        for (job, context) in committed {
            removeUnreferenced(context.releasedBlobs, database: database)
            finish([job], failure: nil)
        }
    }

    private func finish(_ jobs: [WriteQueue.Job], failure: (any Error)?) {
        for job in jobs {
            job.failure = failure
            job.finished = true
        }
    }
}
