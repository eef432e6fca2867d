import Store
import Testing

@Suite("Known collections: remembered for PUT, forgotten by every other write, checked in the transaction")
struct KnownCollectionTests {
    private func remember(_ fixture: Fixture, _ path: String) throws {
        let generation = fixture.store.collectionGeneration
        let node = try #require(try fixture.store.node(at: path))
        fixture.store.rememberCollection(node, since: generation)
    }

    private func putEvent(_ fixture: Fixture, _ path: String, uid: String, expecting parentID: Int64?) throws
        -> PutResult
    {
        try fixture.store.putResource(
            at: path,
            contentType: "text/calendar",
            bytes: Array("BEGIN:VCALENDAR".utf8),
            index: ObjectIndexEntry(uid: uid, component: "VEVENT"),
            expectedParentID: parentID
        )
    }

    @Test("a remembered collection is known until a write other than a resource PUT ends")
    func forgottenByCollectionWrites() throws {
        let fixture = try Fixture()
        let calendar = try fixture.store.createCollection(at: "alice/cal", type: .calendar)
        try remember(fixture, "alice/cal")
        #expect(fixture.store.knownCollection(at: "alice/cal")?.id == calendar.id)
        _ = try putEvent(fixture, "alice/cal/a.ics", uid: "a", expecting: calendar.id)
        _ = try fixture.put("alice/cal/note.txt", "plain")
        #expect(fixture.store.knownCollection(at: "alice/cal")?.id == calendar.id)
        for write in [
            { _ = try fixture.store.createCollection(at: "alice/other", type: .plain) },
            { try fixture.store.updateDeadProperties(at: "alice/cal", set: [], remove: [("DAV:", "x")]) },
            { _ = try fixture.store.move(from: "alice/other", to: "alice/moved", overwrite: false) },
            { try fixture.store.delete(at: "alice/moved") },
        ] as [() throws -> Void] {
            try remember(fixture, "alice/cal")
            try write()
            #expect(fixture.store.knownCollection(at: "alice/cal") == nil)
        }
    }

    @Test("a read begun before a collection write is not remembered; resources are never remembered")
    func staleReadsAreNotRemembered() throws {
        let fixture = try Fixture()
        _ = try fixture.store.createCollection(at: "alice/cal", type: .calendar)
        let generation = fixture.store.collectionGeneration
        let node = try #require(try fixture.store.node(at: "alice/cal"))
        try fixture.store.delete(at: "alice/cal")
        fixture.store.rememberCollection(node, since: generation)
        #expect(fixture.store.knownCollection(at: "alice/cal") == nil)
        let file = try fixture.put("alice/file.txt", "x").node
        fixture.store.rememberCollection(file, since: fixture.store.collectionGeneration)
        #expect(fixture.store.knownCollection(at: "alice/file.txt") == nil)
    }

    @Test("a PUT for a collection that another took the place of is refused, stores nothing and empties the cache")
    func replacedParentIsRefused() throws {
        let fixture = try Fixture()
        let old = try fixture.store.createCollection(at: "alice/cal", type: .calendar)
        try fixture.store.delete(at: "alice/cal")
        let new = try fixture.store.createCollection(at: "alice/cal", type: .addressBook)
        try remember(fixture, "alice/cal")
        #expect(throws: StoreError.self) {
            _ = try putEvent(fixture, "alice/cal/a.ics", uid: "a", expecting: old.id)
        }
        #expect(try fixture.store.node(at: "alice/cal/a.ics") == nil)
        #expect(fixture.store.knownCollection(at: "alice/cal") == nil)
        #expect(try putEvent(fixture, "alice/cal/a.ics", uid: "a", expecting: new.id).created)
        try fixture.store.delete(at: "alice/cal")
        #expect(throws: StoreError.parentMissing("alice/cal/b.ics")) {
            _ = try putEvent(fixture, "alice/cal/b.ics", uid: "b", expecting: new.id)
        }
    }

    @Test("a body in memory is stored as a streamed one is: same ETag and bytes, inline or as a blob")
    func bytesAndStreamAgree() throws {
        var options = StoreOptions()
        options.inlineLimit = 16
        let fixture = try Fixture(options: options)
        _ = try fixture.store.createCollection(at: "alice/f", type: .plain)
        for body in [Array("small".utf8), Array(repeating: UInt8(ascii: "x"), count: 100)] {
            let streamed = try fixture.put("alice/f/streamed", body)
            let held = try fixture.store.putResource(at: "alice/f/held", contentType: "text/plain", bytes: body)
            #expect(held.node.etag == streamed.node.etag)
            #expect(try fixture.bytes(at: "alice/f/held") == body)
        }
        #expect(fixture.blobFiles().count == 1)
    }
}
