import Foundation
import Testing

@testable import Store

@Suite("Contact search index in memory: the same candidates as the walk over the rows, through every write")
struct ContactSearchIndexTests {
    /// Queries of every kind over a small vocabulary, mixed with `all` and `any`.
    static let queries: [ContactSearchQuery] = [
        .value(name: "EMAIL", text: "schmidt", match: .contains),
        .value(name: "EMAIL", text: "schmidt", match: .startsWith),
        .value(name: "EMAIL", text: "example.org", match: .endsWith),
        .value(name: "EMAIL", text: "anna@example.org", match: .equals),
        .value(name: "EMAIL", text: "", match: .equals),
        .value(name: "EMAIL", text: "", match: .contains),
        .value(name: "EMAIL", text: "a\u{1E}b", match: .contains),
        .value(name: "FN", text: "an", match: .contains),
        .value(name: "TEL", text: "+49", match: .startsWith),
        .exists(name: "TEL"),
        .exists(name: "NICKNAME"),
        .all([
            .value(name: "FN", text: "schmidt", match: .contains),
            .value(name: "EMAIL", text: ".com", match: .endsWith),
        ]),
        .any([.value(name: "FN", text: "eve", match: .equals), .exists(name: "TEL")]),
        .all([.any([.exists(name: "TEL"), .value(name: "EMAIL", text: "o", match: .contains)]), .exists(name: "FN")]),
        .all([]),
        .any([]),
    ]

    static let emails = [
        "anna@example.org", "anna.schmidt@example.org", "schmidt@example.com", "bob@example.com", "", "o@o",
        "carl.schmidt@example.org",
    ]
    static let names = ["anna schmidt", "eve", "bob", "carl schmidt", "", "dora"]
    static let phones = ["+49 30 1234", "+1 555 0100", ""]

    private func put(_ fixture: Fixture, _ path: String, _ values: [ContactSearchValue]) throws {
        let source = ByteSource(Array("BEGIN:VCARD".utf8), chunk: 64)
        _ = try fixture.store.putResource(
            at: path,
            contentType: "text/vcard",
            read: source.read,
            index: ObjectIndexEntry(uid: UUID().uuidString, component: "VCARD", searchValues: values)
        )
    }

    /// Names of the members the old path — the walk over the address book's rows — selects.
    private func walked(_ fixture: Fixture, _ book: String, _ query: ContactSearchQuery) throws -> [String] {
        try fixture.store.read { database throws(StoreError) in
            try database.readTransaction { () throws(StoreError) in
                let collection = try DataStore.collection(at: book, NodeRepository(database: database))
                let selected = Set(
                    try ContactSearchReader(database: database, collectionID: collection.id).nodes(query)
                )
                return try database.rows("SELECT id, name FROM nodes WHERE parent_id = ?", [.int(collection.id)]) {
                    (id: $0.int64(0), name: $0.text(1))
                }.filter { selected.contains($0.id) }.map(\.name).sorted()
            }
        }
    }

    /// Names of the members the index selects, as `contactSearch` returns them.
    private func indexed(_ fixture: Fixture, _ book: String, _ query: ContactSearchQuery) throws -> [String] {
        try fixture.store.contactSearch(in: book, matching: query).map(\.member.name).sorted()
    }

    private func expectSameCandidates(_ fixture: Fixture, books: [String], step: String) throws {
        for book in books {
            for query in Self.queries {
                let expected = try walked(fixture, book, query)
                let found = try indexed(fixture, book, query)
                #expect(found == expected, "\(step): \(book) \(query)")
            }
        }
    }

    private func randomValues(_ generator: inout SeededGenerator) -> [ContactSearchValue] {
        var values: [ContactSearchValue] = []
        for _ in 0..<Int.random(in: 0...2, using: &generator) {
            values.append(ContactSearchValue(name: "EMAIL", value: Self.emails.randomElement(using: &generator)!))
        }
        if Bool.random(using: &generator) {
            values.append(ContactSearchValue(name: "FN", value: Self.names.randomElement(using: &generator)!))
        }
        for _ in 0..<Int.random(in: 0...2, using: &generator) {
            values.append(ContactSearchValue(name: "TEL", value: Self.phones.randomElement(using: &generator)!))
        }
        return values.shuffled(using: &generator)
    }

    @Test("Random PUT, overwrite, DELETE, MOVE, rename and COPY between queries: the index agrees with the walk")
    func agreesWithTheWalkThroughWrites() throws {
        let fixture = try Fixture()
        let books = ["alice/book", "alice/other"]
        for book in books { _ = try fixture.store.createCollection(at: book, type: .addressBook) }
        var generator = SeededGenerator(seed: 42)
        for step in 0..<120 {
            let book = books.randomElement(using: &generator)!
            let other = books.first { $0 != book }!
            let card = "\(book)/c\(Int.random(in: 0..<24, using: &generator)).vcf"
            let target =
                "\(Bool.random(using: &generator) ? other : book)/c\(Int.random(in: 0..<24, using: &generator)).vcf"
            let exists = (try? fixture.store.node(at: card)) != nil
            let operation = Int.random(in: 0..<10, using: &generator)
            switch operation {
            case 0..<5:
                try put(fixture, card, randomValues(&generator))
            case 5 where exists:
                try fixture.put(card, "not a card any more")
            case 6 where exists:
                try fixture.store.delete(at: card)
            case 7 where exists && card != target:
                do { _ = try fixture.store.move(from: card, to: target, overwrite: true) } catch StoreError.uidConflict
                {}
            case 8 where exists && card != target:
                do { _ = try fixture.store.copy(from: card, to: target, overwrite: true) } catch StoreError.uidConflict
                {}
            case 9:
                for index in 0..<70 {
                    try put(fixture, "\(book)/bulk-\(step)-\(index).vcf", randomValues(&generator))
                }
            default:
                continue
            }
            try expectSameCandidates(fixture, books: books, step: "step \(step), operation \(operation) on \(card)")
        }
        #expect(fixture.store.contactSearchCache.collections.count == 2)
    }

    @Test("A query on a property the index has no column for yet adds the column, and keeps the others")
    func addsColumnsAsAsked() throws {
        let fixture = try Fixture()
        _ = try fixture.store.createCollection(at: "alice/book", type: .addressBook)
        try put(fixture, "alice/book/a.vcf", [ContactSearchValue(name: "EMAIL", value: "anna@example.org")])
        try put(fixture, "alice/book/b.vcf", [ContactSearchValue(name: "NICKNAME", value: "bobby")])
        #expect(try indexed(fixture, "alice/book", .value(name: "EMAIL", text: "anna", match: .contains)) == ["a.vcf"])
        #expect(
            try indexed(fixture, "alice/book", .value(name: "NICKNAME", text: "bob", match: .contains)) == ["b.vcf"]
        )
        try fixture.store.delete(at: "alice/book/a.vcf")
        #expect(try indexed(fixture, "alice/book", .exists(name: "EMAIL")).isEmpty)
        #expect(try indexed(fixture, "alice/book", .exists(name: "NICKNAME")) == ["b.vcf"])
    }

    @Test("Replacing an address book by MOVE or COPY over it serves the new one")
    func replacedAddressBook() throws {
        let fixture = try Fixture()
        for book in ["alice/book", "alice/other", "alice/third"] {
            _ = try fixture.store.createCollection(at: book, type: .addressBook)
        }
        try put(fixture, "alice/book/a.vcf", [ContactSearchValue(name: "EMAIL", value: "schmidt@example.org")])
        try put(fixture, "alice/other/b.vcf", [ContactSearchValue(name: "EMAIL", value: "schmidt@example.com")])
        let query = ContactSearchQuery.value(name: "EMAIL", text: "schmidt", match: .contains)
        #expect(try indexed(fixture, "alice/book", query) == ["a.vcf"])
        _ = try fixture.store.copy(from: "alice/other", to: "alice/book", overwrite: true)
        #expect(try indexed(fixture, "alice/book", query) == ["b.vcf"])
        _ = try fixture.store.move(from: "alice/book/b.vcf", to: "alice/third/c.vcf", overwrite: false)
        #expect(try indexed(fixture, "alice/book", query).isEmpty)
        #expect(try indexed(fixture, "alice/third", query) == ["c.vcf"])
        _ = try fixture.store.move(from: "alice/third/c.vcf", to: "alice/book/c.vcf", overwrite: false)
        #expect(try indexed(fixture, "alice/book", query) == ["c.vcf"])
        #expect(try indexed(fixture, "alice/third", query).isEmpty)
    }
}

@Suite("Contact search cache: a memory budget, least recently used out first")
struct ContactSearchCacheTests {
    @Test("Over the budget, the least recently used index goes; one over the budget by itself is never kept")
    func evictsLeastRecentlyUsed() throws {
        let cache = ContactSearchCache(budget: 1000)
        let first = try #require(cache.entry(for: 1))
        cache.account(first, of: 1, bytes: 400)
        let second = try #require(cache.entry(for: 2))
        cache.account(second, of: 2, bytes: 400)
        _ = cache.entry(for: 1)
        let third = try #require(cache.entry(for: 3))
        cache.account(third, of: 3, bytes: 400)
        #expect(cache.collections == [1, 3])
        #expect(cache.totalBytes == 800)
        let large = try #require(cache.entry(for: 4))
        cache.account(large, of: 4, bytes: 1001)
        #expect(cache.entry(for: 4) == nil)
        #expect(cache.collections == [1, 3])
        cache.account(second, of: 2, bytes: 10)
        #expect(cache.totalBytes == 800)
    }

    @Test("A budget of 0 keeps nothing")
    func zeroBudget() {
        #expect(ContactSearchCache(budget: 0).entry(for: 1) == nil)
    }
}
