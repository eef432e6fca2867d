import Foundation
import Testing

@testable import Store

@Suite("Migration 6: the contact search index is backfilled for the cards already stored")
struct ContactSearchMigrationTests {
    /// Options whose indexer takes each line `NAME:value` of the stored bytes as one search value.
    private static var indexing: StoreOptions {
        var options = StoreOptions()
        options.inlineLimit = 64
        options.contactSearchValues = { bytes in
            String(decoding: bytes, as: UTF8.self).split(separator: "\n").map { line in
                let parts = line.split(separator: ":", maxSplits: 1).map(String.init)
                return ContactSearchValue(name: parts[0], value: parts.count > 1 ? parts[1] : "")
            }
        }
        return options
    }

    /// A store brought back to schema version 5 (no contact search table; the later steps run again harmlessly)
    /// holding two cards (one inline, one in a blob file) and a calendar object.
    private func storeAtVersion5() throws -> Fixture {
        let fixture = try Fixture(options: Self.indexing)
        _ = try fixture.store.createCollection(at: "alice/book", type: .addressBook)
        _ = try fixture.store.createCollection(at: "alice/cal", type: .calendar)
        for (path, body, uid) in [
            ("alice/book/a.vcf", "EMAIL:schmidt@example.org", "a"),
            ("alice/book/b.vcf", "EMAIL:meyer@example.org\nNOTE:" + String(repeating: "x", count: 100), "b"),
            ("alice/cal/e.ics", "EMAIL:schmidt@example.org", "e"),
        ] {
            let source = ByteSource(Array(body.utf8), chunk: 64)
            _ = try fixture.store.putResource(
                at: path,
                contentType: "text/vcard",
                read: source.read,
                index: ObjectIndexEntry(uid: uid, component: "VCARD")
            )
        }
        try fixture.store.pool.withWriter { database in
            try database.execute("DROP TABLE contact_search")
            try database.execute("PRAGMA user_version = 5")
        }
        return fixture
    }

    @Test("Opening a version 5 store indexes its cards, from inline content and from blob files")
    func backfillsExistingCards() throws {
        let fixture = try storeAtVersion5()
        let reopened = try DataStore(directory: fixture.directory, options: Self.indexing)
        let schmidt = try reopened.contactSearch(
            in: "alice/book",
            matching: .value(name: "EMAIL", text: "schmidt", match: .contains)
        )
        #expect(schmidt.map(\.member.name) == ["a.vcf"])
        let note = try reopened.contactSearch(
            in: "alice/book",
            matching: .value(name: "NOTE", text: "xx", match: .contains)
        )
        #expect(note.map(\.member.name) == ["b.vcf"])
        #expect(try reopened.contactSearch(in: "alice/cal", matching: .exists(name: "EMAIL")).isEmpty)
    }

    @Test("Without an indexer a store holding cards is not migrated")
    func refusesToMigrateCardsWithoutIndexer() throws {
        let fixture = try storeAtVersion5()
        #expect(throws: StoreError.self) { _ = try DataStore(directory: fixture.directory) }
        var options = StoreOptions()
        options.contactSearchValues = Self.indexing.contactSearchValues
        _ = try DataStore(directory: fixture.directory, options: options)
    }
}
