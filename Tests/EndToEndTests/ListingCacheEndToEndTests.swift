import Foundation
import HTTPWire
import TestSupport
import Testing

/// The listing cache (Docs/decisions/0009) through a real server and store: a repeated listing is the same bytes,
/// and every change that can alter a listing shows in the next one.
@Suite("Listing cache end to end", .serialized)
struct ListingCacheEndToEndTests {
    let alice = LiveServer.basic("alice", "alice-password")
    let bob = LiveServer.basic("bob", "bob-password")
    static let rowProperties =
        #"<propfind xmlns="DAV:"><prop><getetag/><getcontentlength/><resourcetype/></prop></propfind>"#

    private func server() throws -> LiveServer {
        try LiveServer(users: [("alice", "alice-password"), ("bob", "bob-password")])
    }

    private func listing(
        _ server: LiveServer,
        _ path: String = "/dav/home/alice/docs/",
        body: String = Self.rowProperties
    ) throws -> String {
        let response = try server.request("PROPFIND", path, auth: alice, headers: ["Depth: 1"], body: body)
        #expect(response.status == 207)
        return response.text
    }

    private func put(_ server: LiveServer, _ path: String, _ body: String) throws {
        let status = try server.request("PUT", path, auth: alice, body: body).status
        #expect(status == 201 || status == 204)
    }

    private func folders(_ server: LiveServer) throws {
        #expect(try server.request("MKCOL", "/dav/home/alice/docs/", auth: alice).status == 201)
        #expect(try server.request("MKCOL", "/dav/home/alice/other/", auth: alice).status == 201)
        try put(server, "/dav/home/alice/docs/a.txt", "a")
    }

    @Test("a repeated listing is the same bytes; after PUT, content change and DELETE the next one shows the change")
    func writesShowInTheNextListing() throws {
        let server = try server()
        try folders(server)
        let first = try listing(server)
        #expect(try listing(server) == first)
        try put(server, "/dav/home/alice/docs/b.txt", "bb")
        let added = try listing(server)
        #expect(added.contains("/dav/home/alice/docs/b.txt"))
        try put(server, "/dav/home/alice/docs/b.txt", "changed content")
        let changed = try listing(server)
        #expect(changed.contains("<D:getcontentlength>15</D:getcontentlength>"))
        #expect(changed != added)
        #expect(try server.request("DELETE", "/dav/home/alice/docs/b.txt", auth: alice).status == 204)
        #expect(try !listing(server).contains("b.txt"))
    }

    @Test("a cached listing asked for with Accept-Encoding: gzip comes gzipped, the same bytes as without")
    func cachedListingIsServedGzipped() throws {
        let server = try server()
        try folders(server)
        for index in 0..<40 { try put(server, "/dav/home/alice/docs/file-\(index).txt", "content") }
        let identity = try listing(server)
        for _ in 0..<2 {
            let response = try server.request(
                "PROPFIND",
                "/dav/home/alice/docs/",
                auth: alice,
                headers: ["Depth: 1", "Accept-Encoding: gzip"],
                body: Self.rowProperties
            )
            #expect(response.status == 207)
            #expect(response.header("Content-Encoding") == "gzip")
            #expect(String(decoding: try gunzip(response.body), as: UTF8.self) == identity)
        }
    }

    private func gunzip(_ packed: [UInt8]) throws -> [UInt8] {
        let decompressor = try GzipDecompressor()
        var output: [UInt8] = []
        var scratch = [UInt8](repeating: 0, count: 1 << 16)
        var offset = 0
        while true {
            let (consumed, produced) = try Array(packed[offset...]).withUnsafeBytes { source in
                try scratch.withUnsafeMutableBytes { try decompressor.decompress(source, into: $0) }
            }
            output += scratch[0..<produced]
            offset += consumed
            if consumed == 0 && produced == 0 { return output }
        }
    }

    @Test("MOVE out of and into a listed folder, and COPY into it, show in the next listing")
    func moveAndCopyShowInTheNextListing() throws {
        let server = try server()
        try folders(server)
        try put(server, "/dav/home/alice/other/c.txt", "c")
        _ = try listing(server)
        let moveOut = try server.request(
            "MOVE",
            "/dav/home/alice/docs/a.txt",
            auth: alice,
            headers: ["Destination: /dav/home/alice/other/a.txt"]
        )
        #expect(moveOut.status == 201)
        #expect(try !listing(server).contains("a.txt"))
        let moveIn = try server.request(
            "MOVE",
            "/dav/home/alice/other/c.txt",
            auth: alice,
            headers: ["Destination: /dav/home/alice/docs/c.txt"]
        )
        #expect(moveIn.status == 201)
        #expect(try listing(server).contains("/dav/home/alice/docs/c.txt"))
        let copyIn = try server.request(
            "COPY",
            "/dav/home/alice/other/a.txt",
            auth: alice,
            headers: ["Destination: /dav/home/alice/docs/d.txt"]
        )
        #expect(copyIn.status == 201)
        #expect(try listing(server).contains("/dav/home/alice/docs/d.txt"))
    }

    @Test("PROPPATCH of a member shows in a displayname listing, which is never cached; the ETag listing stays right")
    func proppatchShowsInDisplaynameListing() throws {
        let server = try server()
        try folders(server)
        let names = #"<propfind xmlns="DAV:"><prop><getetag/><displayname/></prop></propfind>"#
        let etags = try listing(server, body: #"<propfind xmlns="DAV:"><prop><getetag/></prop></propfind>"#)
        _ = try listing(server, body: names)
        let patch = try server.request(
            "PROPPATCH",
            "/dav/home/alice/docs/a.txt",
            auth: alice,
            body:
                #"<propertyupdate xmlns="DAV:"><set><prop><displayname>Renamed</displayname></prop></set></propertyupdate>"#
        )
        #expect(patch.status == 207)
        #expect(try listing(server, body: names).contains("Renamed"))
        let etagsAfter = try listing(server, body: #"<propfind xmlns="DAV:"><prop><getetag/></prop></propfind>"#)
        let memberETag = { (text: String) in text.components(separatedBy: "a.txt</D:href>").last ?? "" }
        #expect(memberETag(etagsAfter) == memberETag(etags))
    }

    @Test("LOCK of a member: a listing without lockdiscovery is unchanged, one with it shows the lock")
    func lockShowsOnlyInLockdiscovery() throws {
        let server = try server()
        try folders(server)
        let withLocks = #"<propfind xmlns="DAV:"><prop><getetag/><lockdiscovery/></prop></propfind>"#
        let before = try listing(server)
        _ = try listing(server, body: withLocks)
        let lock = try server.request(
            "LOCK",
            "/dav/home/alice/docs/a.txt",
            auth: alice,
            headers: ["Timeout: Second-600"],
            body: #"<lockinfo xmlns="DAV:"><lockscope><exclusive/></lockscope><locktype><write/></locktype></lockinfo>"#
        )
        #expect(lock.status == 200)
        #expect(try listing(server) == before)
        #expect(try listing(server, body: withLocks).contains("<D:activelock>"))
        let lockNew = try server.request(
            "LOCK",
            "/dav/home/alice/docs/new.txt",
            auth: alice,
            body: #"<lockinfo xmlns="DAV:"><lockscope><shared/></lockscope><locktype><write/></locktype></lockinfo>"#
        )
        #expect(lockNew.status == 201)
        #expect(try listing(server).contains("/dav/home/alice/docs/new.txt"))
    }

    @Test("a change inside a member folder shows in the parent's listing (member collections are never cached)")
    func changeInMemberFolderShowsInParentListing() throws {
        let server = try server()
        try folders(server)
        let sync = #"<propfind xmlns="DAV:"><prop><getetag/><sync-token/></prop></propfind>"#
        let before = try listing(server, "/dav/home/alice/", body: sync)
        #expect(try listing(server, "/dav/home/alice/", body: sync) == before)
        try put(server, "/dav/home/alice/docs/z.txt", "z")
        #expect(try listing(server, "/dav/home/alice/", body: sync) != before)
    }

    @Test("an event changed in a calendar shows in the next listing and initial sync")
    func calendarChangesShow() throws {
        let server = try server()
        let calendar = "/dav/home/alice/calendar/"
        let event = { (summary: String) in
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:u1\r\n"
                + "DTSTAMP:20260101T000000Z\r\nDTSTART:20260102T100000Z\r\nSUMMARY:\(summary)\r\nEND:VEVENT\r\n"
                + "END:VCALENDAR\r\n"
        }
        try put(server, calendar + "e.ics", event("one"))
        let sync = #"<sync-collection xmlns="DAV:"><sync-token/><prop><getetag/></prop></sync-collection>"#
        let firstSync = try server.request("REPORT", calendar, auth: alice, body: sync).text
        let firstListing = try listing(server, calendar)
        #expect(try server.request("REPORT", calendar, auth: alice, body: sync).text == firstSync)
        try put(server, calendar + "e.ics", event("two"))
        #expect(try server.request("REPORT", calendar, auth: alice, body: sync).text != firstSync)
        #expect(try listing(server, calendar) != firstListing)
    }

    @Test("user B never gets user A's cached listing")
    func otherUserNeverGetsTheCachedListing() throws {
        let server = try server()
        try folders(server)
        _ = try listing(server)
        _ = try listing(server)
        let other = try server.request(
            "PROPFIND",
            "/dav/home/alice/docs/",
            auth: bob,
            headers: ["Depth: 1"],
            body: Self.rowProperties
        )
        #expect(other.status == 403 || other.status == 404)
        #expect(!other.text.contains("a.txt"))
    }
}
