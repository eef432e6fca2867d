import Store
import Testing

@Suite("Object index scan: stored bytes tested in place before rows are built")
struct ContentScanTests {
    private func put(_ fixture: Fixture, _ path: String, _ body: String, uid: String) throws {
        let source = ByteSource(Array(body.utf8), chunk: 64)
        _ = try fixture.store.putResource(
            at: path,
            contentType: "text/vcard",
            read: source.read,
            index: ObjectIndexEntry(uid: uid, component: "VCARD")
        )
    }

    @Test("Only objects whose bytes pass the test come back, sorted by name, with their content")
    func returnsObjectsThatPassTheTest() throws {
        let fixture = try Fixture()
        _ = try fixture.store.createCollection(at: "alice/book", type: .addressBook)
        try put(fixture, "alice/book/b.vcf", "FN:Schmidt", uid: "b")
        try put(fixture, "alice/book/a.vcf", "FN:Schmidt Jr", uid: "a")
        try put(fixture, "alice/book/c.vcf", "FN:Meyer", uid: "c")
        let found = try fixture.store.objects(in: "alice/book") { bytes in
            String(decoding: bytes, as: UTF8.self).contains("Schmidt")
        }
        #expect(found.map(\.node.name) == ["a.vcf", "b.vcf"])
        guard case .inline(let bytes) = found.first?.content else {
            Issue.record("expected inline content")
            return
        }
        #expect(String(decoding: bytes, as: UTF8.self) == "FN:Schmidt Jr")
    }

    @Test("A path that is no collection is refused")
    func refusesAMissingCollection() throws {
        let fixture = try Fixture()
        #expect(throws: StoreError.notFound("alice/none")) {
            _ = try fixture.store.objects(in: "alice/none") { _ in true }
        }
    }
}
