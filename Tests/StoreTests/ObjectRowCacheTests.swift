import Foundation
import Synchronization
import Testing

@testable import Store

@Suite("Object row cache: object reports read recently read objects from memory, brought forward by the change log")
struct ObjectRowCacheTests {
    private static func row(_ id: Int64, _ name: String, bytes: Int = 100) -> ObjectRowCache.Row {
        ObjectRowCache.Row(
            member: StoreMember(
                id: id,
                name: name,
                collectionType: nil,
                etag: "e\(id)",
                contentType: "text/calendar",
                contentLength: Int64(bytes),
                created: Date(timeIntervalSince1970: 0),
                modified: Date(timeIntervalSince1970: 0),
                syncRevision: 0
            ),
            content: [UInt8](repeating: 0x41, count: bytes)
        )
    }

    private static func names(_ rows: [ObjectRowCache.Row?]?) -> [String?]? {
        rows?.map { $0?.member.name }
    }

    @Test("A later read drops the rows of the members changed since; an earlier read is not served")
    func bringsRowsForwardByChangedNames() throws {
        let cache = ObjectRowCache(budget: 1 << 20)
        #expect(Self.names(try cache.rows(of: [1, 2], in: 7, at: 5) { _ in [] }) == [nil, nil])
        cache.keep([Self.row(1, "a.ics"), Self.row(2, "b.ics")], in: 7, at: 5)
        #expect(Self.names(try cache.rows(of: [1, 2], in: 7, at: 5) { _ in [] }) == ["a.ics", "b.ics"])
        var asked: [Int64] = []
        let later = try cache.rows(of: [1, 2], in: 7, at: 9) { revision in
            asked.append(revision)
            return ["a.ics", "new.ics"]
        }
        #expect(asked == [5])
        #expect(Self.names(later) == [nil, "b.ics"])
        #expect(try cache.rows(of: [2], in: 7, at: 8) { _ in [] } == nil)
        // Rows read by a read at another revision than the rows' are not kept.
        cache.keep([Self.row(1, "a.ics")], in: 7, at: 8)
        #expect(Self.names(try cache.rows(of: [1], in: 7, at: 9) { _ in [] }) == [nil])
    }

    @Test("More changes than are brought forward one by one drop every row of the collection")
    func manyChangesDropTheRows() throws {
        let cache = ObjectRowCache(budget: 1 << 20)
        _ = try cache.rows(of: [], in: 1, at: 1) { _ in [] }
        cache.keep([Self.row(1, "a.ics"), Self.row(2, "b.ics")], in: 1, at: 1)
        let changed = (0...ObjectRowCache.changesBroughtForward).map { "other-\($0).ics" }
        #expect(Self.names(try cache.rows(of: [1, 2], in: 1, at: 2) { _ in changed }) == [nil, nil])
        #expect(cache.totalBytes == 0)
    }

    @Test("Over the budget the least recently used collection goes first, then the collection's own older rows")
    func keepsWithinTheBudget() throws {
        // Rows of one cost: names and entity tags of one length.
        let row = { (id: Int64) in Self.row(id, "o\(100 + id).ics") }
        let cost = row(10).cost
        let cache = ObjectRowCache(budget: 3 * cost)
        for collection: Int64 in [1, 2] {
            _ = try cache.rows(of: [], in: collection, at: 1) { _ in [] }
            cache.keep([row(collection * 10)], in: collection, at: 1)
        }
        _ = try cache.rows(of: [], in: 1, at: 1) { _ in [] }
        cache.keep([row(11)], in: 1, at: 1)
        #expect(cache.totalBytes == 3 * cost)
        // Collection 2 was used least recently: it goes to make room.
        cache.keep([row(12)], in: 1, at: 1)
        #expect(cache.collections == [1])
        #expect(cache.totalBytes == 3 * cost)
        // Alone over the budget: the collection's rows make way for the new ones, as many as fit.
        cache.keep((30..<35).map(row), in: 1, at: 1)
        #expect(cache.totalBytes == 3 * cost)
        let found = try cache.rows(of: [10, 30, 32, 33], in: 1, at: 1) { _ in [] }
        #expect(Self.names(found) == [nil, "o130.ics", "o132.ics", nil])
        // One more: the row kept first makes way.
        cache.keep([row(40)], in: 1, at: 1)
        #expect(cache.totalBytes == 3 * cost)
        let kept = try cache.rows(of: [30, 31, 32, 40], in: 1, at: 1) { _ in [] }
        #expect(Self.names(kept) == [nil, "o131.ics", "o132.ics", "o140.ics"])
    }

    @Test(
        "Random writes from this store and another on the same file: reports read what an uncached store reads",
        arguments: [16 << 20, 3_000]
    )
    func cachedReadsMatchUncachedReads(budget: Int) throws {
        var options = StoreOptions()
        options.inlineLimit = 120
        options.objectRowCacheBytes = budget
        let fixture = try Fixture(options: options)
        options.objectRowCacheBytes = 0
        let plain = try DataStore(directory: fixture.directory, options: options)
        for collection in ["alice/cal", "alice/other"] {
            _ = try fixture.store.createCollection(at: collection, type: .calendar)
        }
        var generator = SeededGenerator(seed: 11)
        let names = (0..<24).map { "object-\($0).ics" }
        var counter = 0
        for step in 0..<600 {
            let writer = Bool.random(using: &generator) ? fixture.store : plain
            let name = names.randomElement(using: &generator)!
            let path = "alice/cal/" + name
            switch Int.random(in: 0..<10, using: &generator) {
            case 0..<5:
                counter += 1
                let start = Int64.random(in: 0..<1_000, using: &generator)
                let text = "BEGIN:VCALENDAR\r\nX-STEP:\(counter)\r\n" + String(repeating: "x", count: counter % 160)
                _ = try writer.putResource(
                    at: path,
                    contentType: "text/calendar",
                    bytes: Array(text.utf8),
                    index: ObjectIndexEntry(
                        uid: "uid-\(counter)",
                        component: "VEVENT",
                        spanStart: start,
                        spanEnd: start + Int64.random(in: 0..<200, using: &generator),
                        exactInstances: nil
                    )
                )
            case 5:
                _ = try? writer.delete(at: path)
            case 6:
                let other = "alice/cal/" + names.randomElement(using: &generator)!
                _ = try? writer.move(from: path, to: other, overwrite: true)
            case 7:
                _ = try? writer.move(from: path, to: "alice/other/" + name, overwrite: true)
            case 8:
                _ = try? writer.move(from: "alice/other/" + name, to: path, overwrite: true)
            default:
                let other = "alice/cal/" + names.randomElement(using: &generator)!
                _ = try? writer.copy(from: path, to: other, overwrite: true)
            }
            let from = Int64.random(in: 0..<1_000, using: &generator)
            let to = from + Int64.random(in: 1..<400, using: &generator)
            for collection in ["alice/cal", "alice/other"] {
                #expect(
                    try Self.described(fixture.store.indexedObjects(in: collection))
                        == Self.described(plain.indexedObjects(in: collection)),
                    "step \(step)"
                )
                #expect(
                    try Self.described(fixture.store.indexedObjects(in: collection, from: from, to: to))
                        == Self.described(plain.indexedObjects(in: collection, from: from, to: to)),
                    "step \(step)"
                )
            }
            let asked = (0..<5).map { _ in names.randomElement(using: &generator)! }
            #expect(
                try Self.described(fixture.store.resources(named: asked, in: "alice/cal"))
                    == Self.described(plain.resources(named: asked, in: "alice/cal")),
                "step \(step)"
            )
        }
        #expect(fixture.store.objectRowCache.totalBytes > 0)
    }

    @Test("Readers racing writers see every write acknowledged before they began, and no entity tag of other bytes")
    func concurrentReadsSeeAcknowledgedWrites() throws {
        let fixture = try Fixture()
        _ = try fixture.store.createCollection(at: "alice/cal", type: .calendar)
        let store = fixture.store
        let names = (0..<12).map { "object-\($0).ics" }
        let shared = RaceRecord()
        @Sendable func put(_ name: String, version: Int) throws {
            _ = try store.putResource(
                at: "alice/cal/" + name,
                contentType: "text/calendar",
                bytes: Array("BEGIN:VCALENDAR\r\nX-VERSION:\(version)\r\n".utf8),
                index: ObjectIndexEntry(uid: name, component: "VEVENT", spanStart: 0, spanEnd: 10, exactInstances: nil)
            )
            shared.acknowledged.withLock { $0[name] = max($0[name, default: 0], version) }
        }
        @Sendable func read(multiget: Bool) throws {
            let floor = shared.acknowledged.withLock { $0 }
            let rows =
                multiget
                ? try store.resources(named: names, in: "alice/cal").map { ($0.member, $0.content) }
                : try store.indexedObjects(in: "alice/cal", from: 0, to: 20).map { ($0.member, $0.content) }
            var problems: [String] = rows.count == names.count ? [] : ["\(rows.count) rows"]
            for (member, content) in rows {
                guard case .inline(let bytes) = content else { continue }
                if member.etag != String(sha256Hex(bytes).prefix(32)) { problems.append("\(member.name): entity tag") }
                let version = Int(
                    String(decoding: bytes, as: UTF8.self).split(separator: ":").last!.filter(\.isNumber)
                )!
                if version < floor[member.name, default: 0] {
                    problems.append("\(member.name): version \(version) after \(floor[member.name, default: 0])")
                }
            }
            if !problems.isEmpty { shared.problems.withLock { $0 += problems } }
        }
        for name in names { try put(name, version: 0) }
        // Threads of their own: the tasks of a task group could share the two threads of this machine's pool and run
        // one after the other.
        let finished = DispatchGroup()
        for writer in 0..<2 {
            finished.enter()
            Thread {
                defer { finished.leave() }
                // Each writer has names of its own, so an object's versions only grow; a pause between writes lets
                // readers find the rows kept at the revision before.
                for version in 1...150 {
                    do { try put(names[(version * 5 % 6) * 2 + writer], version: version) } catch {
                        shared.problems.withLock { $0.append("put: \(error)") }
                    }
                    usleep(300)
                }
                shared.writersLeft.withLock { $0 -= 1 }
            }.start()
        }
        for reader in 0..<4 {
            finished.enter()
            Thread {
                defer { finished.leave() }
                while shared.writersLeft.withLock({ $0 > 0 }) {
                    do { try read(multiget: reader % 2 == 1) } catch {
                        shared.problems.withLock { $0.append("read: \(error)") }
                    }
                }
            }.start()
        }
        finished.wait()
        #expect(shared.problems.withLock { $0 }.isEmpty)
    }

    private static func described(_ rows: [(member: StoreMember, content: StoredContent, exactRangeHit: Bool?)])
        -> [String]
    {
        rows.map { "\($0.member) \(text($0.content)) \(String(describing: $0.exactRangeHit))" }
    }

    private static func described(_ rows: [(position: Int, member: StoreMember, content: StoredContent)]) -> [String] {
        rows.map { "\($0.position) \($0.member) \(text($0.content))" }.sorted()
    }

    private static func text(_ content: StoredContent) -> String {
        switch content {
        case .inline(let bytes): String(decoding: bytes, as: UTF8.self)
        case .file(let path, let length): "\(length) bytes in \(path)"
        }
    }
}

/// What the writer and reader threads of a race share: the version of each object whose PUT has returned, the
/// writers still running, and what went wrong.
private final class RaceRecord: Sendable {
    let acknowledged = Mutex([String: Int]())
    let writersLeft = Mutex(2)
    let problems = Mutex([String]())
}

extension ObjectRowCache {
    /// The cached rows of `nodes` in their order (nil where none is cached); nil when the cache cannot serve the read.
    fileprivate func rows(
        of nodes: [Int64],
        in collection: Int64,
        at revision: Int64,
        changes: (Int64) throws(StoreError) -> [String]
    ) throws(StoreError) -> [Row?]? {
        var rows = [Row?](repeating: nil, count: nodes.count)
        let missing = try lookUp(nodes, in: collection, at: revision, changes: changes) { rows[$0] = $1 }
        return missing == nil ? nil : rows
    }
}
