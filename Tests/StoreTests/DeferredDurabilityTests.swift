import Foundation
import Synchronization
import Testing

@testable import Store

/// Writes whose acknowledgement waits for their flush without keeping their thread (ADR 0019).
@Suite("Writes acknowledged from their flush")
struct DeferredDurabilityTests {
    /// Waits for `pending` to report; returns its answer and whether every commit through it was then on disk.
    private static func outcome(of pending: PendingDurability, in store: DataStore) -> (durable: Bool, covered: Bool) {
        let answer = Mutex<(Bool, Bool)?>(nil)
        let reported = DispatchSemaphore(value: 0)
        pending.whenDurable { durable in
            answer.withLock { $0 = (durable, store.walSync.syncedThrough >= pending.sequence) }
            reported.signal()
        }
        #expect(reported.wait(timeout: .now() + 10) == .success)
        return answer.withLock { $0 } ?? (false, false)
    }

    @Test("writes in a deferring scope return committed and report once the flush covering the last one ended")
    func deferredWritesReportAfterTheirFlush() throws {
        let fixture = try Fixture()
        let (_, pending) = try fixture.store.deferringDurability {
            try fixture.put("alice/a.txt", "a")
            try fixture.put("alice/b.txt", "b")
        }
        let waiting = try #require(pending)
        #expect(waiting.sequence == fixture.store.walSync.lastCommit)
        #expect(try fixture.bytes(at: "alice/b.txt") == Array("b".utf8))
        let outcome = Self.outcome(of: waiting, in: fixture.store)
        #expect(outcome.durable && outcome.covered)
    }

    @Test("a scope that wrote nothing has nothing to wait for")
    func scopeWithoutWritesWaitsForNothing() throws {
        let fixture = try Fixture()
        try fixture.put("alice/a.txt", "a")
        let (bytes, pending) = try fixture.store.deferringDurability { try fixture.bytes(at: "alice/a.txt") }
        #expect(bytes == Array("a".utf8))
        #expect(pending == nil)
    }

    @Test("outside a scope, and for a write that releases blobs, a write returns only once flushed")
    func writesOutsideTheScopeAndBlobReleasesFlushFirst() throws {
        var options = StoreOptions()
        options.inlineLimit = 100
        let fixture = try Fixture(options: options)
        try fixture.put("alice/plain.txt", "plain")
        #expect(fixture.store.walSync.syncedThrough == fixture.store.walSync.lastCommit)
        try fixture.put("alice/x", patternBytes(count: 500, seed: 1))
        let (_, pending) = try fixture.store.deferringDurability {
            try fixture.put("alice/x", "small now")
        }
        #expect(pending == nil)
        #expect(fixture.store.walSync.syncedThrough == fixture.store.walSync.lastCommit)
        #expect(fixture.blobFiles().isEmpty)
    }

    @Test("a write to another store inside the scope is flushed before it returns, and not left to the scope")
    func writeToAnotherStoreIsFlushedAtOnce() throws {
        let scoped = try Fixture()
        let other = try Fixture()
        let (_, pending) = try scoped.store.deferringDurability { try other.put("alice/a.txt", "a") }
        #expect(pending == nil)
        #expect(other.store.walSync.syncedThrough == other.store.walSync.lastCommit)
    }

    @Test("many deferred writers from many threads are all told, each after its own commit is on disk")
    func concurrentDeferredWritersAreAllTold() throws {
        let fixture = try Fixture()
        let store = fixture.store
        let uncovered = Mutex(0)
        let told = DispatchGroup()
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            for index in 0..<20 {
                let written = try? store.deferringDurability {
                    let source = ByteSource(Array("x".utf8), chunk: 16)
                    return try store.putResource(
                        at: "alice/\(thread)-\(index).txt",
                        contentType: "text/plain",
                        read: source.read,
                        precondition: { _ in }
                    )
                }
                guard let pending = written?.pending else {
                    uncovered.withLock { $0 += 1 }
                    continue
                }
                told.enter()
                pending.whenDurable { durable in
                    if !durable || store.walSync.syncedThrough < pending.sequence {
                        uncovered.withLock { $0 += 1 }
                    }
                    told.leave()
                }
            }
        }
        #expect(told.wait(timeout: .now() + 30) == .success)
        #expect(uncovered.withLock { $0 } == 0)
    }
}
