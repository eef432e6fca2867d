import Foundation
import Store
import Testing

@Suite struct TreeTests {
    @Test func collectionsAndChildren() throws {
        let fixture = try Fixture()
        let calendar = try fixture.store.createCollection(at: "alice/calendar", type: .calendar)
        #expect(calendar.collectionType == .calendar && calendar.isCollection && calendar.name == "calendar")
        _ = try fixture.store.createCollection(at: "alice/contacts", type: .addressBook)
        _ = try fixture.store.createCollection(at: "alice/calendar/sub", type: .plain)
        try fixture.put("alice/calendar/b.ics", "B")
        try fixture.put("alice/calendar/a.ics", "A")
        #expect(try fixture.store.children(of: "alice").map(\.name) == ["calendar", "contacts"])
        #expect(try fixture.store.children(of: "alice/calendar").map(\.name) == ["a.ics", "b.ics", "sub"])
        #expect(
            try fixture.store.descendants(of: "alice").map(\.path) == [
                "alice/calendar", "alice/calendar/a.ics", "alice/calendar/b.ics", "alice/calendar/sub",
                "alice/contacts",
            ]
        )
        #expect(throws: StoreError.alreadyExists("alice/calendar")) {
            _ = try fixture.store.createCollection(at: "alice/calendar", type: .plain)
        }
        #expect(throws: StoreError.parentMissing("alice/nope/x")) {
            _ = try fixture.store.createCollection(at: "alice/nope/x", type: .plain)
        }
        #expect(throws: StoreError.parentMissing("alice/calendar/a.ics/x")) {
            _ = try fixture.store.createCollection(at: "alice/calendar/a.ics/x", type: .plain)
        }
        #expect(throws: StoreError.notACollection("alice/calendar/a.ics")) {
            _ = try fixture.store.children(of: "alice/calendar/a.ics")
        }
        #expect(throws: StoreError.notFound("alice/missing")) { _ = try fixture.store.children(of: "alice/missing") }
        #expect(throws: StoreError.parentMissing("carol")) {
            _ = try fixture.store.createCollection(at: "carol", type: .plain)
        }
        #expect(throws: StoreError.self) { _ = try fixture.store.createCollection(at: "alice/home2", type: .home) }
        let custom = try fixture.store.createCollection(
            at: "alice/inbox",
            type: CollectionType(rawValue: "schedule-inbox")
        )
        #expect(try fixture.store.node(at: custom.path)?.collectionType?.rawValue == "schedule-inbox")
    }

    @Test func nodeAndParentFindBothOrNil() throws {
        let fixture = try Fixture()
        let calendar = try fixture.store.createCollection(at: "alice/calendar", type: .calendar)
        let stored = try fixture.put("alice/calendar/a.ics", "A")
        let both = try fixture.store.nodeAndParent(at: "alice/calendar/a.ics")
        #expect(both.node == stored.node && both.parent?.id == calendar.id)
        let missing = try fixture.store.nodeAndParent(at: "alice/calendar/b.ics")
        #expect(missing.node == nil && missing.parent?.id == calendar.id)
        let orphan = try fixture.store.nodeAndParent(at: "alice/nowhere/c.ics")
        #expect(orphan.node == nil && orphan.parent == nil)
        let home = try fixture.store.nodeAndParent(at: "alice")
        #expect(home.node?.collectionType == .home && home.parent == nil)
    }

    @Test func siblingPrefixesStayOutOfSubtrees() throws {
        let fixture = try Fixture()
        _ = try fixture.store.createCollection(at: "alice/a", type: .plain)
        _ = try fixture.store.createCollection(at: "alice/a-b", type: .plain)
        _ = try fixture.store.createCollection(at: "alice/a0", type: .plain)
        try fixture.put("alice/a/x", "1")
        try fixture.put("alice/a-b/y", "2")
        #expect(try fixture.store.descendants(of: "alice/a").map(\.path) == ["alice/a/x"])
        try fixture.store.delete(at: "alice/a")
        #expect(try fixture.store.node(at: "alice/a-b/y") != nil)
        #expect(try fixture.store.node(at: "alice/a0") != nil)
    }

    @Test func putInlineReplaceAndETags() throws {
        let fixture = try Fixture()
        let first = try fixture.put("alice/note.txt", "hello")
        #expect(first.created)
        #expect(first.node.etag == String(sha256Hex(Array("hello".utf8)).prefix(32)))
        #expect(first.node.contentLength == 5 && first.node.contentType == "text/plain" && !first.node.isCollection)
        #expect(try fixture.bytes(at: "alice/note.txt") == Array("hello".utf8))
        let second = try fixture.put("alice/note.txt", "hello, world")
        #expect(!second.created && second.node.id == first.node.id && second.node.etag != first.node.etag)
        #expect(try fixture.bytes(at: "alice/note.txt") == Array("hello, world".utf8))
        let empty = try fixture.put("alice/empty", [])
        #expect(empty.node.contentLength == 0)
        #expect(try fixture.bytes(at: "alice/empty") == [])
        #expect(try fixture.store.content(at: "alice") == nil)
        #expect(try fixture.store.content(at: "alice/none") == nil)
    }

    @Test func putErrors() throws {
        let fixture = try Fixture()
        _ = try fixture.store.createCollection(at: "alice/c", type: .plain)
        try fixture.put("alice/file", "x")
        #expect(throws: StoreError.parentMissing("alice/missing/x")) { try fixture.put("alice/missing/x", "x") }
        #expect(throws: StoreError.parentMissing("alice/file/x")) { try fixture.put("alice/file/x", "x") }
        #expect(throws: StoreError.notACollection("alice/c")) { try fixture.put("alice/c", "x") }
        #expect(throws: StoreError.parentMissing("bob")) { try fixture.put("bob", "x") }
    }

    @Test func preconditionSeesCurrentNodeAndAbortLeavesNothing() throws {
        let fixture = try Fixture(
            options: {
                var o = StoreOptions(); o.inlineLimit = 16; return o
            }()
        )
        let before = try fixture.store.changes(in: "alice", since: nil)
        var seen: [StoreNode?] = []
        #expect(throws: TestAbort()) {
            _ = try fixture.store.putResource(
                at: "alice/x",
                contentType: nil,
                read: ByteSource(patternBytes(count: 1000), chunk: 100).read,
                precondition: { node in
                    seen.append(node)
                    throw TestAbort()
                }
            )
        }
        #expect(seen == [nil])
        #expect(try fixture.store.node(at: "alice/x") == nil)
        #expect(fixture.blobFiles().isEmpty && fixture.temporaryFiles().isEmpty)
        let after = try fixture.store.changes(in: "alice", since: nil)
        #expect(after.revision == before.revision && after.changes.isEmpty)

        let original = try fixture.put("alice/y", "old")
        #expect(throws: TestAbort()) {
            _ = try fixture.store.putResource(
                at: "alice/y",
                contentType: nil,
                read: ByteSource(patternBytes(count: 1000), chunk: 100).read,
                precondition: { node in
                    if node?.etag == original.node.etag { throw TestAbort() }
                }
            )
        }
        #expect(try fixture.bytes(at: "alice/y") == Array("old".utf8))
        #expect(try fixture.store.changes(in: "alice", since: nil).revision == original.node.syncRevision + 1)
    }

    @Test func deleteResourceAndTree() throws {
        let fixture = try Fixture(
            options: {
                var o = StoreOptions(); o.inlineLimit = 10; return o
            }()
        )
        _ = try fixture.store.createCollection(at: "alice/c", type: .plain)
        _ = try fixture.store.createCollection(at: "alice/c/d", type: .plain)
        try fixture.put("alice/c/d/big", patternBytes(count: 100))
        try fixture.put("alice/c/small", "s")
        try fixture.store.updateDeadProperties(
            at: "alice/c/d",
            set: [DeadProperty(namespace: "n", name: "p", xml: "<p/>")],
            remove: []
        )
        #expect(throws: TestAbort()) { try fixture.store.delete(at: "alice/c") { _ in throw TestAbort() } }
        #expect(try fixture.store.node(at: "alice/c/d/big") != nil)
        let deleted = try fixture.store.delete(at: "alice/c") { node in #expect(node.path == "alice/c") }
        #expect(deleted.collectionType == .plain)
        #expect(try fixture.store.descendants(of: "alice").isEmpty)
        #expect(fixture.blobFiles().isEmpty)
        #expect(throws: StoreError.notFound("alice/c")) { try fixture.store.delete(at: "alice/c") }
        #expect(throws: StoreError.self) { try fixture.store.delete(at: "alice") }
        #expect(try fixture.store.check().isClean)
        try fixture.store.delete(at: "alice", allowHome: true)
        #expect(try fixture.store.node(at: "alice") == nil)
    }

    @Test func nodeLookupIsFast() throws {
        let fixture = try Fixture()
        _ = try fixture.store.createCollection(at: "alice/c", type: .calendar)
        for index in 0..<200 { try fixture.put("alice/c/\(index).ics", "BEGIN:VCALENDAR \(index)") }
        let iterations = 5000
        let paths = (0..<200).map { "alice/c/\($0).ics" }
        let start = threadCPUTime()
        for index in 0..<iterations {
            _ = try fixture.store.node(at: paths[index % 200])
        }
        let lookup = (threadCPUTime() - start) / Double(iterations) * 1e6
        let contentStart = threadCPUTime()
        for index in 0..<iterations {
            _ = try fixture.store.content(at: paths[index % 200])
        }
        let content = (threadCPUTime() - contentStart) / Double(iterations) * 1e6
        print("node(at:) \(lookup) µs, content(at:) \(content) µs (thread CPU time)")
        #expect(lookup < 500)
    }
}
