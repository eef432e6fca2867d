import Foundation
import Store
import Testing

@Suite struct ChangeLogAndPropertyTests {
    @Test func revisionsAreMonotonicWithTombstones() throws {
        let fixture = try Fixture()
        let calendar = try fixture.store.createCollection(at: "alice/cal", type: .calendar)
        #expect(calendar.syncRevision == 0)
        try fixture.put("alice/cal/1.ics", "one")
        try fixture.put("alice/cal/2.ics", "two")
        try fixture.put("alice/cal/1.ics", "one again")
        try fixture.store.delete(at: "alice/cal/2.ics")
        _ = try fixture.store.createCollection(at: "alice/cal/sub", type: .plain)
        let all = try fixture.store.changes(in: "alice/cal", since: 0)
        #expect(all.revision == 5)
        #expect(
            all.changes == [
                ChangeRecord(name: "1.ics", revision: 3, deleted: false),
                ChangeRecord(name: "2.ics", revision: 4, deleted: true),
                ChangeRecord(name: "sub", revision: 5, deleted: false),
            ]
        )
        #expect(try fixture.store.changes(in: "alice/cal", since: 3).changes.map(\.name) == ["2.ics", "sub"])
        #expect(try fixture.store.changes(in: "alice/cal", since: 5).changes.isEmpty)
        #expect(try fixture.store.changes(in: "alice/cal", since: 99).revision == 5)
        let initial = try fixture.store.changes(in: "alice/cal", since: nil)
        #expect(
            initial.changes == [
                ChangeRecord(name: "1.ics", revision: 3, deleted: false),
                ChangeRecord(name: "sub", revision: 5, deleted: false),
            ]
        )
        let node = try #require(try fixture.store.node(at: "alice/cal"))
        #expect(node.syncRevision == 5 && node.etag != calendar.etag)
        #expect(throws: StoreError.notACollection("alice/cal/1.ics")) {
            _ = try fixture.store.changes(in: "alice/cal/1.ics", since: nil)
        }
        #expect(throws: StoreError.notFound("alice/none")) {
            _ = try fixture.store.changes(in: "alice/none", since: nil)
        }
    }

    @Test func recreatedCollectionGetsNewIdentity() throws {
        let fixture = try Fixture()
        let first = try fixture.store.createCollection(at: "alice/cal", type: .calendar)
        try fixture.store.delete(at: "alice/cal")
        let second = try fixture.store.createCollection(at: "alice/cal", type: .calendar)
        #expect(second.id != first.id && second.etag != first.etag)
        #expect(
            try fixture.store.changes(in: "alice", since: 0).changes == [
                ChangeRecord(name: "cal", revision: 3, deleted: false)
            ]
        )
    }

    @Test func deadPropertiesOfOneNodeReadAgainShowEveryChange() throws {
        let fixture = try Fixture()
        let calendar = try fixture.store.createCollection(at: "alice/cal", type: .calendar)
        #expect(try fixture.store.deadProperties(ofNodes: [calendar.id]).isEmpty)
        let set = DeadProperty(namespace: "urn:c", name: "set", xml: "<c:set xmlns:c=\"urn:c\">VEVENT</c:set>")
        try fixture.store.updateDeadProperties(at: "alice/cal", set: [set], remove: [])
        #expect(try fixture.store.deadProperties(ofNodes: [calendar.id])[calendar.id] == [set])
        #expect(try fixture.store.deadProperties(ofNodes: [calendar.id])[calendar.id] == [set])
        try fixture.store.updateDeadProperties(at: "alice/cal", set: [], remove: [(namespace: "urn:c", name: "set")])
        #expect(try fixture.store.deadProperties(ofNodes: [calendar.id]).isEmpty)
        let copy = try fixture.store.copy(from: "alice/cal", to: "alice/cal2", overwrite: false)
        try fixture.store.updateDeadProperties(at: "alice/cal2", set: [set], remove: [])
        #expect(try fixture.store.deadProperties(ofNodes: [copy.node.id])[copy.node.id] == [set])
        #expect(try fixture.store.deadProperties(ofNodes: [calendar.id]).isEmpty)
    }

    @Test func deadPropertiesSetRemoveAndLog() throws {
        let fixture = try Fixture()
        try fixture.put("alice/doc", "d")
        let doc = try #require(try fixture.store.node(at: "alice/doc"))
        let revision = try fixture.store.changes(in: "alice", since: nil).revision
        let a = DeadProperty(namespace: "urn:a", name: "x", xml: "<a:x xmlns:a=\"urn:a\">1</a:x>")
        let b = DeadProperty(namespace: "urn:b", name: "y", xml: "<b:y xmlns:b=\"urn:b\"/>")
        try fixture.store.updateDeadProperties(at: "alice/doc", set: [a, b], remove: [])
        #expect(try fixture.store.deadProperties(ofNodes: [doc.id])[doc.id] == [a, b])
        let a2 = DeadProperty(namespace: "urn:a", name: "x", xml: "<a:x xmlns:a=\"urn:a\">2</a:x>")
        try fixture.store.updateDeadProperties(
            at: "alice/doc",
            set: [a2],
            remove: [(namespace: "urn:b", name: "y"), (namespace: "urn:z", name: "none")]
        )
        #expect(try fixture.store.deadProperties(ofNodes: [doc.id, 9999])[doc.id] == [a2])
        #expect(try fixture.store.deadProperties(ofNodes: []).isEmpty)
        let node = try #require(try fixture.store.node(at: "alice/doc"))
        #expect(node.etag == doc.etag)
        #expect(try fixture.store.changes(in: "alice", since: revision).changes.map(\.name) == ["doc"])
        #expect(throws: StoreError.notFound("alice/nope")) {
            try fixture.store.updateDeadProperties(at: "alice/nope", set: [a], remove: [])
        }
    }
}
