import Foundation
import Store
import Testing

@Suite("Member listings read in pages from the listing index")
struct MemberListingTests {
    @Test("pages follow each other by name in byte order and carry what children(of:) carries")
    func pagesByName() throws {
        let fixture = try Fixture()
        _ = try fixture.store.createCollection(at: "alice/calendar", type: .calendar)
        _ = try fixture.store.createCollection(at: "alice/calendar/sub", type: .plain)
        for name in ["b.ics", "a.ics", "Z.ics", "caf\u{E9}.ics", "cafe\u{301}.ics", "c d.ics"] {
            _ = try fixture.put("alice/calendar/\(name)", Array(name.utf8), type: "text/calendar")
        }
        var pages: [[StoreMember]] = []
        var last: String?
        repeat {
            let page = try fixture.store.members(of: "alice/calendar", after: last, limit: 3)
            pages.append(page)
            last = page.last?.name
        } while pages.last?.count == 3
        let listed = pages.flatMap { $0 }
        let children = try fixture.store.children(of: "alice/calendar")
        #expect(pages.map(\.count) == [3, 3, 1])
        #expect(listed.map(\.name) == children.map(\.name))
        #expect(listed.map(\.name) == listed.map(\.name).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        for (member, node) in zip(listed, children) {
            #expect(member.id == node.id)
            #expect(member.etag == node.etag)
            #expect(member.collectionType == node.collectionType)
            #expect(member.contentType == node.contentType)
            #expect(member.contentLength == node.contentLength)
            #expect(member.created == node.created)
            #expect(member.modified == node.modified)
            #expect(member.syncRevision == node.syncRevision)
        }
        #expect(try fixture.store.members(of: "alice/calendar", after: "\u{10FFFF}", limit: 3).isEmpty)
        #expect(throws: StoreError.notFound("alice/missing")) {
            _ = try fixture.store.members(of: "alice/missing", after: nil, limit: 3)
        }
    }
}
