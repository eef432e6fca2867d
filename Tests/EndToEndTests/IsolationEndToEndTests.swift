import Foundation
import TestSupport
import Testing

/// One user cannot read, change, lock or report on anything in another user's home, by any method, nor send a
/// COPY or MOVE there or outside `/dav/`.
@Suite("Cross-user isolation end to end", .serialized)
struct IsolationEndToEndTests {
    let alice = LiveServer.basic("alice", "alice-password")
    let bob = LiveServer.basic("bob", "bob-password")

    /// A server where alice has a file, a folder and an event, and bob has a file of his own.
    private func populatedServer() throws -> LiveServer {
        let server = try LiveServer(users: [("alice", "alice-password"), ("bob", "bob-password")])
        #expect(try server.request("PUT", "/dav/home/alice/secret.txt", auth: alice, body: "alice only").status == 201)
        #expect(try server.request("MKCOL", "/dav/home/alice/folder/", auth: alice).status == 201)
        let event = try server.request(
            "PUT",
            "/dav/home/alice/calendar/private.ics",
            auth: alice,
            headers: ["Content-Type: text/calendar"],
            body: CalDAVEndToEndTests.event(uid: "private", summary: "Alice private")
        )
        #expect(event.status == 201)
        #expect(try server.request("PUT", "/dav/home/bob/mine.txt", auth: bob, body: "bob's").status == 201)
        return server
    }

    /// Alice's resources as she left them.
    private func expectAliceUntouched(_ server: LiveServer) throws {
        #expect(try server.request("GET", "/dav/home/alice/secret.txt", auth: alice).text == "alice only")
        let listing = try server.request("PROPFIND", "/dav/home/alice/", auth: alice, headers: ["Depth: 1"])
        #expect(!listing.text.contains("planted"))
        #expect(!listing.text.contains("mine.txt"))
        #expect(try server.request("GET", "/dav/home/alice/calendar/private.ics", auth: alice).status == 200)
    }

    @Test(
        "bob gets 403 for every method on alice's home, and nothing changes",
        arguments: [
            ("PROPFIND", "/dav/home/alice/", ["Depth: 1"], ""),
            ("PROPFIND", "/dav/home/alice/secret.txt", ["Depth: 0"], ""),
            ("GET", "/dav/home/alice/secret.txt", [], ""),
            ("GET", "/dav/home/alice/folder/", [], ""),
            ("GET", "/dav/home/alice/calendar/", [], ""),
            ("HEAD", "/dav/home/alice/secret.txt", [], ""),
            ("PUT", "/dav/home/alice/secret.txt", [], "overwritten"),
            ("PUT", "/dav/home/alice/planted.txt", [], "planted"),
            ("DELETE", "/dav/home/alice/secret.txt", [], ""),
            ("DELETE", "/dav/home/alice/folder/", [], ""),
            (
                "PROPPATCH", "/dav/home/alice/secret.txt", [],
                #"<D:propertyupdate xmlns:D="DAV:"><D:set><D:prop><D:displayname>planted</D:displayname></D:prop></D:set></D:propertyupdate>"#
            ),
            ("MKCOL", "/dav/home/alice/planted/", [], ""),
            ("MKCALENDAR", "/dav/home/alice/planted/", [], ""),
            ("COPY", "/dav/home/alice/secret.txt", ["Destination: /dav/home/bob/stolen.txt"], ""),
            ("MOVE", "/dav/home/alice/secret.txt", ["Destination: /dav/home/bob/stolen.txt"], ""),
            ("COPY", "/dav/home/bob/mine.txt", ["Destination: /dav/home/alice/planted.txt"], ""),
            ("MOVE", "/dav/home/bob/mine.txt", ["Destination: /dav/home/alice/planted.txt"], ""),
            (
                "LOCK", "/dav/home/alice/secret.txt", ["Timeout: Second-60"],
                #"<D:lockinfo xmlns:D="DAV:"><D:lockscope><D:exclusive/></D:lockscope><D:locktype><D:write/></D:locktype></D:lockinfo>"#
            ),
            (
                "LOCK", "/dav/home/alice/planted.txt", [],
                #"<D:lockinfo xmlns:D="DAV:"><D:lockscope><D:exclusive/></D:lockscope><D:locktype><D:write/></D:locktype></D:lockinfo>"#
            ),
            (
                "REPORT", "/dav/home/alice/calendar/", ["Depth: 1"],
                #"<D:sync-collection xmlns:D="DAV:"><D:sync-token/><D:sync-level>1</D:sync-level><D:prop><D:getetag/></D:prop></D:sync-collection>"#
            ),
            (
                "REPORT", "/dav/home/alice/calendar/", ["Depth: 1"],
                #"<C:calendar-multiget xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><C:calendar-data/></D:prop><D:href>/dav/home/alice/calendar/private.ics</D:href></C:calendar-multiget>"#
            ),
        ]
    )
    func otherUserIsRefused(method: String, path: String, headers: [String], body: String) throws {
        let server = try populatedServer()
        let response = try server.request(method, path, auth: bob, headers: headers, body: body)
        #expect(response.status == 403, "\(method) \(path) answered \(response.status)")
        #expect(!response.text.contains("alice only"))
        #expect(!response.text.contains("Alice private"))
        try expectAliceUntouched(server)
        #expect(try server.request("GET", "/dav/home/bob/mine.txt", auth: bob).text == "bob's")
    }

    @Test("a calendar-multiget on bob's own calendar with hrefs into alice's returns none of her data")
    func multigetWithForeignHrefsLeaksNothing() throws {
        let server = try populatedServer()
        let response = try server.request(
            "REPORT",
            "/dav/home/bob/calendar/",
            auth: bob,
            headers: ["Depth: 1"],
            body: """
                <C:calendar-multiget xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><D:getetag/>\
                <C:calendar-data/></D:prop><D:href>/dav/home/alice/calendar/private.ics</D:href>\
                <D:href>/dav/home/bob/../alice/calendar/private.ics</D:href></C:calendar-multiget>
                """
        )
        #expect(response.status == 207 || response.status == 403 || response.status == 400)
        #expect(!response.text.contains("Alice private"))
        #expect(!response.text.contains("UID:private"))
        #expect(!response.text.contains("<D:getetag>"))
    }

    @Test(
        "a Destination in another home, outside /dav/ or in the principal tree is refused",
        arguments: [
            "/dav/home/bob/stolen.txt",
            "http://localhost/dav/home/bob/stolen.txt",
            "/elsewhere/stolen.txt",
            "/dav/principals/users/alice/stolen.txt",
            "/dav/stolen.txt",
            "/dav/home/stolen.txt",
        ]
    )
    func destinationOutsideOwnHomeIsRefused(destination: String) throws {
        let server = try populatedServer()
        for method in ["COPY", "MOVE"] {
            let response = try server.request(
                method,
                "/dav/home/alice/secret.txt",
                auth: alice,
                headers: ["Destination: \(destination)"]
            )
            #expect(response.status == 403, "\(method) to \(destination) answered \(response.status)")
        }
        try expectAliceUntouched(server)
        #expect(try server.request("GET", "/dav/home/bob/stolen.txt", auth: bob).status == 404)
    }
}
