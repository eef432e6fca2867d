import Dispatch
import Foundation
import Synchronization
import Testing

@testable import Store

@Suite("WAL flush shared between commits, outside the writer lock")
struct WALSyncTests {
    /// A `WALSync` over a database path whose `-wal` file exists.
    private static func makeSync(in directory: String) -> WALSync {
        let database = directory + "/db.sqlite3"
        FileManager.default.createFile(atPath: database + "-wal", contents: Data([1, 2, 3]))
        return WALSync(databasePath: database)
    }

    @Test("One flush covers every commit made before it began; commits already covered need none")
    func oneFlushCoversEarlierCommits() throws {
        let directory = makeTemporaryDirectory()
        defer { removeDirectory(directory) }
        let sync = Self.makeSync(in: directory)
        var last: UInt64 = 0
        for _ in 0..<5 { last = sync.didCommit() }
        try sync.sync(through: last)
        try sync.sync(through: 3)
        #expect(sync.flushCount == 1)
        try sync.sync(through: sync.didCommit())
        #expect(sync.flushCount == 2)
    }

    @Test("Concurrent writers each return with their commit covered, sharing flushes")
    func concurrentWritersShareFlushes() throws {
        let directory = makeTemporaryDirectory()
        defer { removeDirectory(directory) }
        let sync = Self.makeSync(in: directory)
        let uncovered = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for _ in 0..<50 {
                let sequence = sync.didCommit()
                try? sync.sync(through: sequence)
                if sync.syncedThrough < sequence { uncovered.withLock { $0 += 1 } }
            }
        }
        #expect(uncovered.withLock { $0 } == 0)
        #expect(sync.flushCount >= 1 && sync.flushCount <= 400)
        #expect(sync.syncedThrough == 400)
    }

    @Test("A waiter is told once a flush covers its commit; one already covered is told at once")
    func waitersAreToldAfterTheirFlush() throws {
        let directory = makeTemporaryDirectory()
        defer { removeDirectory(directory) }
        let sync = Self.makeSync(in: directory)
        let told = DispatchSemaphore(value: 0)
        let coveredWhenTold = Mutex<[Bool]>([])
        for _ in 0..<3 {
            let sequence = sync.didCommit()
            sync.whenSynced(through: sequence) { failure in
                coveredWhenTold.withLock { $0.append(failure == nil && sync.syncedThrough >= sequence) }
                told.signal()
            }
        }
        for _ in 0..<3 { #expect(told.wait(timeout: .now() + 10) == .success) }
        #expect(coveredWhenTold.withLock { $0 } == [true, true, true])
        let flushes = sync.flushCount
        let atOnce = Mutex(false)
        sync.whenSynced(through: 2) { failure in atOnce.withLock { $0 = failure == nil } }
        #expect(atOnce.withLock { $0 })
        #expect(sync.flushCount == flushes)
    }

    @Test("A waiter whose flush fails is told the error")
    func waiterIsToldAFailedFlush() {
        let sync = WALSync(databasePath: makeTemporaryDirectory() + "/absent.sqlite3")
        let told = DispatchSemaphore(value: 0)
        let failed = Mutex(false)
        sync.whenSynced(through: sync.didCommit()) { failure in
            failed.withLock { $0 = failure != nil }
            told.signal()
        }
        #expect(told.wait(timeout: .now() + 10) == .success)
        #expect(failed.withLock { $0 })
    }

    @Test("A missing log is an I/O error, not an acknowledgement")
    func missingLogThrows() {
        let sync = WALSync(databasePath: makeTemporaryDirectory() + "/absent.sqlite3")
        #expect(throws: StoreError.self) { try sync.sync(through: sync.didCommit()) }
    }

    @Test("Without WAL mode SQLite flushes each commit itself and nothing is flushed here")
    func noFlushOutsideWALMode() throws {
        let sync = WALSync(databasePath: makeTemporaryDirectory() + "/absent.sqlite3", flushes: false)
        try sync.sync(through: sync.didCommit())
        #expect(sync.flushCount == 0)
    }

    @Test("A store's writes go through the shared flush")
    func storeWritesAreFlushed() throws {
        let fixture = try Fixture()
        let before = fixture.store.walSync.flushCount
        try fixture.put("alice/a.txt", "a")
        try fixture.put("alice/b.txt", "b")
        #expect(fixture.store.walSync.flushCount == before + 2)
    }
}
