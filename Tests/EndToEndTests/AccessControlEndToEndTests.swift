import Foundation
import TestSupport
import Testing

/// RFC 3744 access-control properties and the ACL method, and the RFC 6638 scheduling collections of a
/// principal, against the real binary.
@Suite("Access control and scheduling collections end to end", .serialized)
struct AccessControlEndToEndTests {
    let alice = LiveServer.basic("alice", "alice-password")
    let bob = LiveServer.basic("bob", "bob-password")

    private func propfind(_ server: LiveServer, _ path: String, _ props: String, depth: String = "0") throws
        -> RawResponse
    {
        try server.request(
            "PROPFIND",
            path,
            auth: alice,
            headers: ["Depth: \(depth)"],
            body: #"<propfind xmlns="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><prop>\#(props)</prop></propfind>"#
        )
    }

    @Test("OPTIONS advertises access-control and allows ACL")
    func optionsAdvertisesAccessControl() throws {
        let server = try LiveServer()
        let options = try server.request("OPTIONS", "/dav/home/alice/", auth: alice)
        #expect(options.header("dav")?.contains("access-control") == true)
        #expect(options.header("allow")?.contains("ACL") == true)
    }

    @Test("a calendar reports its owner's one protected ACE, the privilege tree and the restrictions")
    func calendarReportsItsAccessControlList() throws {
        let server = try LiveServer()
        let response = try propfind(
            server,
            "/dav/home/alice/calendar/",
            "<acl/><supported-privilege-set/><acl-restrictions/><inherited-acl-set/><current-user-privilege-set/>"
        )
        #expect(response.status == 207)
        #expect(
            response.text.contains(
                "<D:ace><D:principal><D:href>/dav/principals/users/alice/</D:href></D:principal><D:grant><D:privilege>"
                    + "<D:all/></D:privilege></D:grant><D:protected/></D:ace>"
            )
        )
        #expect(response.text.contains("<D:privilege><D:all/></D:privilege><D:abstract/>"))
        #expect(response.text.contains("<C:read-free-busy/>"))
        #expect(response.text.contains("<D:acl-restrictions><D:grant-only/><D:no-invert/></D:acl-restrictions>"))
        #expect(response.text.contains("<D:inherited-acl-set/>"))
        #expect(response.text.contains("<D:privilege><D:write-acl/></D:privilege>"))
        #expect(!response.text.contains("404 Not Found"))
    }

    @Test("the DAV root grants read to every authenticated user")
    func synthesisedResourcesAreReadableByAuthenticatedUsers() throws {
        let server = try LiveServer()
        let response = try propfind(server, "/dav/", "<acl/>")
        #expect(response.text.contains("<D:principal><D:authenticated/></D:principal>"))
        #expect(response.text.contains("<D:privilege><D:read/></D:privilege>"))
    }

    @Test("ACL with only protected entries succeeds; a new entry is refused with limited-number-of-aces")
    func aclRefusesNewEntries() throws {
        let server = try LiveServer(users: [("alice", "alice-password"), ("bob", "bob-password")])
        let empty = try server.request("ACL", "/dav/home/alice/calendar/", auth: alice, body: #"<acl xmlns="DAV:"/>"#)
        #expect(empty.status == 200)
        let grant = """
            <acl xmlns="DAV:"><ace><principal><href>/dav/principals/users/bob/</href></principal>\
            <grant><privilege><read/></privilege></grant></ace></acl>
            """
        let refused = try server.request("ACL", "/dav/home/alice/calendar/", auth: alice, body: grant)
        #expect(refused.status == 403)
        #expect(refused.text.contains("limited-number-of-aces"))
        _ = try server.request("PROPFIND", "/dav/home/bob/", auth: bob, headers: ["Depth: 0"])
        #expect(
            try server.request("PROPFIND", "/dav/home/alice/calendar/", auth: bob, headers: ["Depth: 0"]).status == 403
        )
        #expect(try server.request("ACL", "/dav/home/bob/calendar/", auth: alice, body: grant).status == 403)
        #expect(try server.request("ACL", "/dav/", auth: alice, body: #"<acl xmlns="DAV:"/>"#).status == 403)
        #expect(try server.request("ACL", "/dav/home/alice/calendar/", auth: alice, body: "<x/>").status == 400)
    }

    @Test("the principal names its scheduling inbox and outbox, which exist for their owner only")
    func principalHasSchedulingCollections() throws {
        let server = try LiveServer(users: [("alice", "alice-password"), ("bob", "bob-password")])
        let principal = try propfind(
            server,
            "/dav/principals/users/alice/",
            "<C:schedule-inbox-URL/><C:schedule-outbox-URL/>"
        )
        #expect(
            principal.text.contains(
                "<C:schedule-inbox-URL><D:href>/dav/principals/users/alice/inbox/</D:href></C:schedule-inbox-URL>"
            )
        )
        #expect(
            principal.text.contains(
                "<C:schedule-outbox-URL><D:href>/dav/principals/users/alice/outbox/</D:href></C:schedule-outbox-URL>"
            )
        )
        let inbox = try propfind(server, "/dav/principals/users/alice/inbox/", "<resourcetype/>")
        #expect(inbox.status == 207)
        #expect(inbox.text.contains("<D:resourcetype><D:collection/><C:schedule-inbox/></D:resourcetype>"))
        let outbox = try propfind(server, "/dav/principals/users/alice/outbox/", "<resourcetype/>")
        #expect(outbox.text.contains("<C:schedule-outbox/>"))
        let listing = try propfind(server, "/dav/principals/users/alice/", "<resourcetype/>", depth: "1")
        #expect(listing.text.contains("/dav/principals/users/alice/inbox/"))
        #expect(listing.text.contains("/dav/principals/users/alice/outbox/"))
        #expect(try propfind(server, "/dav/principals/users/bob/inbox/", "<resourcetype/>").status == 404)
        let put = try server.request(
            "PUT",
            "/dav/principals/users/alice/inbox/x.ics",
            auth: alice,
            headers: ["Content-Type: text/calendar"],
            body: CalDAVEndToEndTests.event(uid: "x")
        )
        #expect((400..<500).contains(put.status))
    }
}
