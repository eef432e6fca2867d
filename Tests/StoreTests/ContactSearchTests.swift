import Store
import Testing

@Suite("Contact search index: filled at PUT, kept right through overwrite, DELETE, COPY and MOVE")
struct ContactSearchTests {
    /// Puts a "card" whose search values are given directly (the store does not read vCards).
    private func put(_ fixture: Fixture, _ path: String, uid: String, _ values: [String: String]) throws {
        let source = ByteSource(Array("BEGIN:VCARD".utf8), chunk: 64)
        _ = try fixture.store.putResource(
            at: path,
            contentType: "text/vcard",
            read: source.read,
            index: ObjectIndexEntry(
                uid: uid,
                component: "VCARD",
                searchValues: values.map { ContactSearchValue(name: $0.key, value: $0.value) }
            )
        )
    }

    private func names(
        _ fixture: Fixture,
        _ query: ContactSearchQuery = .value(name: "EMAIL", text: "schmidt", match: .contains),
        in book: String = "alice/book"
    ) throws -> [String] {
        try fixture.store.contactSearch(in: book, matching: query).map(\.member.name)
    }

    private func book(_ fixture: Fixture, _ path: String = "alice/book") throws {
        _ = try fixture.store.createCollection(at: path, type: .addressBook)
    }

    @Test("Each match type selects by the stored values of its property; empty values are always candidates")
    func matchTypesSelectByValue() throws {
        let fixture = try Fixture()
        try book(fixture)
        try put(fixture, "alice/book/a.vcf", uid: "a", ["EMAIL": "anna.schmidt@example.org", "FN": "anna schmidt"])
        try put(fixture, "alice/book/b.vcf", uid: "b", ["EMAIL": "schmidt@example.org"])
        try put(fixture, "alice/book/c.vcf", uid: "c", ["EMAIL": "carl@example.org", "FN": "carl schmidt"])
        try put(fixture, "alice/book/d.vcf", uid: "d", ["EMAIL": "", "FN": "dora"])
        try put(fixture, "alice/book/e.vcf", uid: "e", ["FN": "eve"])
        #expect(try names(fixture) == ["a.vcf", "b.vcf", "d.vcf"])
        #expect(try names(fixture, .value(name: "EMAIL", text: "schmidt", match: .startsWith)) == ["b.vcf", "d.vcf"])
        #expect(try names(fixture, .value(name: "EMAIL", text: "example.org", match: .endsWith)).count == 4)
        #expect(try names(fixture, .value(name: "FN", text: "eve", match: .equals)) == ["e.vcf"])
        #expect(try names(fixture, .exists(name: "EMAIL")) == ["a.vcf", "b.vcf", "c.vcf", "d.vcf"])
        let both: ContactSearchQuery = .all([
            .value(name: "FN", text: "schmidt", match: .contains),
            .value(name: "EMAIL", text: "carl", match: .contains),
        ])
        #expect(try names(fixture, both) == ["c.vcf"])
        let either: ContactSearchQuery = .any([
            .value(name: "FN", text: "eve", match: .equals), .value(name: "FN", text: "dora", match: .equals),
        ])
        #expect(try names(fixture, either) == ["d.vcf", "e.vcf"])
    }

    @Test("A member is proven only when its indexed values satisfy the query without an empty value")
    func provenMembersHaveMatchingValues() throws {
        let fixture = try Fixture()
        try book(fixture)
        try put(fixture, "alice/book/a.vcf", uid: "a", ["EMAIL": "anna.schmidt@example.org", "FN": "anna"])
        try put(fixture, "alice/book/b.vcf", uid: "b", ["EMAIL": "", "FN": "bea schmidt"])
        try put(fixture, "alice/book/c.vcf", uid: "c", ["FN": "carl schmidt"])
        func proven(_ query: ContactSearchQuery) throws -> [String: Bool] {
            Dictionary(
                uniqueKeysWithValues: try fixture.store.contactSearch(in: "alice/book", matching: query).map {
                    ($0.member.name, $0.proven)
                }
            )
        }
        let email: ContactSearchQuery = .value(name: "EMAIL", text: "schmidt", match: .contains)
        let name: ContactSearchQuery = .value(name: "FN", text: "schmidt", match: .contains)
        #expect(try proven(email) == ["a.vcf": true, "b.vcf": false])
        #expect(try proven(.exists(name: "EMAIL")) == ["a.vcf": true, "b.vcf": true])
        #expect(try proven(.any([email, name])) == ["a.vcf": true, "b.vcf": true, "c.vcf": true])
        #expect(try proven(.all([email, .exists(name: "FN")])) == ["a.vcf": true, "b.vcf": false])
        #expect(
            try proven(.value(name: "EMAIL", text: "a\u{1E}", match: .contains)) == ["a.vcf": false, "b.vcf": false]
        )
    }

    @Test("An overwrite replaces the values; a PUT without values (a plain file) drops them")
    func overwriteReplacesValues() throws {
        let fixture = try Fixture()
        try book(fixture)
        try put(fixture, "alice/book/a.vcf", uid: "a", ["EMAIL": "schmidt@example.org"])
        try put(fixture, "alice/book/a.vcf", uid: "a", ["EMAIL": "meyer@example.org"])
        #expect(try names(fixture).isEmpty)
        #expect(try names(fixture, .value(name: "EMAIL", text: "meyer", match: .contains)) == ["a.vcf"])
        try fixture.put("alice/book/a.vcf", "no longer a card")
        #expect(try names(fixture, .exists(name: "EMAIL")).isEmpty)
    }

    @Test("DELETE of a card and of its address book removes its values")
    func deleteRemovesValues() throws {
        let fixture = try Fixture()
        try book(fixture)
        try put(fixture, "alice/book/a.vcf", uid: "a", ["EMAIL": "schmidt@example.org"])
        try put(fixture, "alice/book/b.vcf", uid: "b", ["EMAIL": "schmidt@example.com"])
        try fixture.store.delete(at: "alice/book/a.vcf")
        #expect(try names(fixture) == ["b.vcf"])
        try fixture.store.delete(at: "alice/book")
        try book(fixture)
        #expect(try names(fixture).isEmpty)
    }

    @Test("MOVE of a card takes its values to the new address book; MOVE of an address book keeps them")
    func moveCarriesValues() throws {
        let fixture = try Fixture()
        try book(fixture)
        try book(fixture, "alice/other")
        try put(fixture, "alice/book/a.vcf", uid: "a", ["EMAIL": "schmidt@example.org"])
        try put(fixture, "alice/book/b.vcf", uid: "b", ["EMAIL": "schmidt@example.com"])
        _ = try fixture.store.move(from: "alice/book/a.vcf", to: "alice/other/a.vcf", overwrite: false)
        #expect(try names(fixture) == ["b.vcf"])
        #expect(try names(fixture, in: "alice/other") == ["a.vcf"])
        _ = try fixture.store.move(from: "alice/other", to: "alice/renamed", overwrite: false)
        #expect(try names(fixture, in: "alice/renamed") == ["a.vcf"])
        _ = try fixture.store.move(from: "alice/book/b.vcf", to: "alice/renamed/a.vcf", overwrite: true)
        #expect(try names(fixture, in: "alice/renamed") == ["a.vcf"])
        #expect(
            try names(fixture, .value(name: "EMAIL", text: ".com", match: .endsWith), in: "alice/renamed") == ["a.vcf"]
        )
    }

    @Test("COPY of a card and of a whole address book gives the copies their own values")
    func copyDuplicatesValues() throws {
        let fixture = try Fixture()
        try book(fixture)
        try book(fixture, "alice/other")
        try put(fixture, "alice/book/a.vcf", uid: "a", ["EMAIL": "schmidt@example.org"])
        _ = try fixture.store.copy(from: "alice/book/a.vcf", to: "alice/other/a.vcf", overwrite: false)
        _ = try fixture.store.copy(from: "alice/book", to: "alice/copy", overwrite: false)
        #expect(try names(fixture, in: "alice/other") == ["a.vcf"])
        #expect(try names(fixture, in: "alice/copy") == ["a.vcf"])
        try fixture.store.delete(at: "alice/book")
        #expect(try names(fixture, in: "alice/copy") == ["a.vcf"])
        #expect(try names(fixture, in: "alice/other") == ["a.vcf"])
    }

    @Test("A path that is no collection is refused")
    func refusesAMissingCollection() throws {
        let fixture = try Fixture()
        #expect(throws: StoreError.notFound("alice/none")) { try names(fixture, in: "alice/none") }
    }
}
