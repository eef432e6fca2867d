import Dispatch
import Foundation
import Store
import Synchronization
import Testing

@Suite("Group commit: concurrent writes share commits but fail alone")
struct GroupCommitTests {
    struct Refused: Error {}

    @Test("Concurrent writers all land, except the ones whose own precondition refused them")
    func concurrentWritesFailIndividually() throws {
        let fixture = try Fixture()
        let store = fixture.store
        DispatchQueue.concurrentPerform(iterations: 16) { worker in
            for index in 0..<20 {
                let source = ByteSource(Array("w\(worker)-\(index)".utf8), chunk: 64)
                _ = try? store.putResource(
                    at: "alice/w\(worker)-\(index).txt",
                    contentType: "text/plain",
                    read: source.read,
                    precondition: { _ in if index % 5 == 0 { throw Refused() } }
                )
            }
        }
        let names = Set(try store.children(of: "alice").map(\.name))
        #expect(names.count == 16 * 16)
        #expect(names.contains("w3-1.txt") && !names.contains("w3-5.txt"))
        #expect(try store.check().problems.isEmpty)
    }

    @Test("Two concurrent objects with one UID: exactly one is stored")
    func concurrentUIDClashStoresOne() throws {
        let fixture = try Fixture()
        let store = fixture.store
        _ = try store.createCollection(at: "alice/cal", type: .calendar)
        let stored = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            let source = ByteSource(Array("BEGIN:VCALENDAR".utf8), chunk: 64)
            if (try? store.putResource(
                at: "alice/cal/\(worker).ics",
                contentType: "text/calendar",
                read: source.read,
                index: ObjectIndexEntry(uid: "same", component: "VEVENT")
            )) != nil {
                stored.withLock { $0 += 1 }
            }
        }
        #expect(stored.withLock { $0 } == 1)
        #expect(try store.children(of: "alice/cal").count == 1)
    }
    @Test("A write that fails after writing, alone in its transaction or not, leaves nothing and others land")
    func failureAfterWritingRollsBackThatWriteAlone() throws {
        var options = StoreOptions()
        options.userQuota = 10_000
        let fixture = try Fixture(options: options)
        let store = fixture.store
        #expect(throws: StoreError.self) { try fixture.put("alice/too-big.txt", Array(repeating: 0x61, count: 20_000)) }
        try fixture.put("alice/small.txt", "fits")
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            for index in 0..<10 {
                let size = index % 3 == 0 ? 20_000 : 10
                let source = ByteSource(Array(repeating: 0x62, count: size), chunk: 4096)
                _ = try? store.putResource(
                    at: "alice/w\(worker)-\(index).txt",
                    contentType: "text/plain",
                    read: source.read
                )
            }
        }
        let names = Set(try store.children(of: "alice").map(\.name))
        #expect(names.count == 1 + 8 * 6)
        #expect(names.contains("small.txt") && names.contains("w2-1.txt"))
        #expect(!names.contains("too-big.txt") && !names.contains("w2-3.txt"))
        #expect(try store.check().problems.isEmpty)
    }
}
