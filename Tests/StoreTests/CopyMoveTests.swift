import Foundation
import Store
import Testing

@Suite struct CopyMoveTests {
    private func makeTree(_ fixture: Fixture) throws {
        _ = try fixture.store.createCollection(at: "alice/src", type: .calendar)
        _ = try fixture.store.createCollection(at: "alice/src/sub", type: .plain)
        try fixture.put("alice/src/a.ics", "A")
        try fixture.put("alice/src/sub/big", patternBytes(count: 300))
        try fixture.store.updateDeadProperties(
            at: "alice/src",
            set: [DeadProperty(namespace: "DAV:", name: "displayname", xml: "<D:displayname>S</D:displayname>")],
            remove: []
        )
        try fixture.store.updateDeadProperties(
            at: "alice/src/sub/big",
            set: [DeadProperty(namespace: "urn:x", name: "p", xml: "<x:p/>")],
            remove: []
        )
    }

    private var smallInline: StoreOptions {
        var options = StoreOptions()
        options.inlineLimit = 100
        return options
    }

    @Test func copyTreeWithPropertiesSharesBlobs() throws {
        let fixture = try Fixture(options: smallInline)
        try makeTree(fixture)
        let source = try #require(try fixture.store.node(at: "alice/src"))
        let result = try fixture.store.copy(from: "alice/src", to: "alice/dst", overwrite: false)
        #expect(result.created && result.node.collectionType == .calendar && result.node.id != source.id)
        #expect(result.node.etag != source.etag)
        #expect(
            try fixture.store.descendants(of: "alice/dst").map(\.path) == [
                "alice/dst/a.ics", "alice/dst/sub", "alice/dst/sub/big",
            ]
        )
        #expect(try fixture.bytes(at: "alice/dst/sub/big") == patternBytes(count: 300))
        #expect(try fixture.store.node(at: "alice/src/sub/big") != nil)
        #expect(fixture.blobFiles().count == 1)
        let copied = try #require(try fixture.store.node(at: "alice/dst/sub/big"))
        let props = try fixture.store.deadProperties(ofNodes: [result.node.id, copied.id])
        #expect(props[result.node.id]?.map(\.name) == ["displayname"])
        #expect(props[copied.id]?.map(\.xml) == ["<x:p/>"])
        let sub = try #require(try fixture.store.node(at: "alice/dst/sub"))
        #expect(copied.parentID == sub.id && sub.parentID == result.node.id)
        #expect(try fixture.store.changes(in: "alice/dst", since: nil).changes.map(\.name) == ["a.ics", "sub"])
        #expect(try fixture.store.check().isClean)
        try fixture.store.delete(at: "alice/src")
        #expect(fixture.blobFiles().count == 1)
        #expect(try fixture.bytes(at: "alice/dst/sub/big") == patternBytes(count: 300))
    }

    @Test func moveTreeKeepsIdsAndLogsBothParents() throws {
        let fixture = try Fixture(options: smallInline)
        try makeTree(fixture)
        _ = try fixture.store.createCollection(at: "alice/other", type: .plain)
        let source = try #require(try fixture.store.node(at: "alice/src"))
        let home = try fixture.store.changes(in: "alice", since: nil).revision
        let result = try fixture.store.move(from: "alice/src", to: "alice/other/moved", overwrite: false)
        #expect(result.created && result.node.id == source.id && result.node.collectionType == .calendar)
        #expect(result.node.path == "alice/other/moved" && result.node.name == "moved")
        #expect(try fixture.store.node(at: "alice/src") == nil)
        #expect(
            try fixture.store.descendants(of: "alice/other/moved").map(\.path) == [
                "alice/other/moved/a.ics", "alice/other/moved/sub", "alice/other/moved/sub/big",
            ]
        )
        #expect(try fixture.bytes(at: "alice/other/moved/sub/big") == patternBytes(count: 300))
        let tombstones = try fixture.store.changes(in: "alice", since: home)
        #expect(tombstones.changes == [ChangeRecord(name: "src", revision: home + 1, deleted: true)])
        #expect(try fixture.store.changes(in: "alice/other", since: 0).changes.map(\.name) == ["moved"])
        #expect(try fixture.store.deadProperties(ofNodes: [source.id])[source.id]?.count == 1)
        #expect(try fixture.store.check().isClean)
    }

    @Test func overwriteRules() throws {
        let fixture = try Fixture(options: smallInline)
        try makeTree(fixture)
        try fixture.put("alice/target", patternBytes(count: 200, seed: 9))
        #expect(fixture.blobFiles().count == 2)
        #expect(throws: StoreError.alreadyExists("alice/target")) {
            _ = try fixture.store.copy(from: "alice/src", to: "alice/target", overwrite: false)
        }
        let result = try fixture.store.move(from: "alice/src", to: "alice/target", overwrite: true)
        #expect(!result.created && result.node.isCollection)
        #expect(fixture.blobFiles().count == 1)
        #expect(throws: StoreError.notFound("alice/src")) {
            _ = try fixture.store.copy(from: "alice/src", to: "alice/x", overwrite: true)
        }
        #expect(throws: StoreError.parentMissing("alice/none/x")) {
            _ = try fixture.store.copy(from: "alice/target", to: "alice/none/x", overwrite: true)
        }
        #expect(throws: StoreError.self) {
            _ = try fixture.store.copy(from: "alice/target", to: "alice/target/in", overwrite: true)
        }
        #expect(throws: StoreError.self) {
            _ = try fixture.store.move(from: "alice/target/sub", to: "alice/target", overwrite: true)
        }
        #expect(throws: StoreError.self) {
            _ = try fixture.store.move(from: "alice", to: "alice/target/home", overwrite: true)
        }
        #expect(try fixture.store.node(at: "alice/target/sub/big") != nil)
    }

    @Test func copyAcrossUsersChangesOwner() throws {
        let fixture = try Fixture()
        let bob = try fixture.store.createUser(name: "bob", email: nil, passwordHash: "x")
        try makeTree(fixture)
        let result = try fixture.store.copy(from: "alice/src", to: "bob/src", overwrite: false)
        #expect(result.node.ownerID == bob.id)
        #expect(try fixture.store.descendants(of: "bob").allSatisfy { $0.ownerID == bob.id })
        #expect(try fixture.store.usedBytes(ofUser: "bob") == 301)
        #expect(try fixture.store.check().isClean)
    }

    @Test func copyingAHomeMakesAPlainCollection() throws {
        let fixture = try Fixture()
        _ = try fixture.store.createUser(name: "bob", email: nil, passwordHash: "x")
        try fixture.put("alice/file", "f")
        let result = try fixture.store.copy(from: "alice", to: "bob/alice-archive", overwrite: false)
        #expect(result.node.collectionType == .plain)
        #expect(try fixture.bytes(at: "bob/alice-archive/file") == Array("f".utf8))
        #expect(try fixture.store.check().isClean)
    }

    @Test func renameResourceInSameCollection() throws {
        let fixture = try Fixture()
        try fixture.put("alice/a", "content")
        let result = try fixture.store.move(from: "alice/a", to: "alice/b", overwrite: false)
        #expect(result.created && result.node.name == "b")
        #expect(try fixture.bytes(at: "alice/b") == Array("content".utf8))
        let log = try fixture.store.changes(in: "alice", since: 1)
        #expect(
            log.changes == [
                ChangeRecord(name: "a", revision: 2, deleted: true),
                ChangeRecord(name: "b", revision: 3, deleted: false),
            ]
        )
    }
}
