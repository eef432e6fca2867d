import Foundation
import TestSupport
import Testing

/// PUT into a calendar or address book the server already knows reads nothing before its write transaction
/// (`KnownCollectionBackend`): the collection it remembers must never outlive a DELETE, MOVE, re-creation with
/// another kind or a PROPPATCH, and the lock check must give the answer it gives when the target is read first.
@Suite("PUT into known collections end to end", .serialized)
struct KnownCollectionEndToEndTests {
    let alice = LiveServer.basic("alice", "alice-password")
    let calendar = "/dav/home/alice/calendar/"

    private func put(_ server: LiveServer, _ path: String, _ body: String, headers: [String] = []) throws
        -> RawResponse
    {
        try server.request("PUT", path, auth: alice, headers: headers, body: body)
    }

    private func putEvent(_ server: LiveServer, _ name: String, headers: [String] = []) throws -> RawResponse {
        try put(
            server,
            calendar + name,
            CalDAVEndToEndTests.event(uid: name),
            headers: ["Content-Type: text/calendar"] + headers
        )
    }

    private func makeAddressBook(_ server: LiveServer, _ path: String) throws -> Int {
        try server.request(
            "MKCOL",
            path,
            auth: alice,
            headers: ["Content-Type: application/xml"],
            body: """
                <D:mkcol xmlns:D="DAV:" xmlns:CR="urn:ietf:params:xml:ns:carddav"><D:set><D:prop><D:resourcetype>\
                <D:collection/><CR:addressbook/></D:resourcetype></D:prop></D:set></D:mkcol>
                """
        ).status
    }

    private func makeTaskCalendar(_ server: LiveServer, _ path: String) throws -> Int {
        try server.request(
            "MKCALENDAR",
            path,
            auth: alice,
            body: """
                <C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:set><D:prop>\
                <C:supported-calendar-component-set><C:comp name="VTODO"/></C:supported-calendar-component-set>\
                </D:prop></D:set></C:mkcalendar>
                """
        ).status
    }

    @Test("a calendar deleted and re-created as an address book, then as a folder, governs the next PUT at once")
    func recreatedWithAnotherKind() throws {
        let server = try LiveServer()
        #expect(try putEvent(server, "a.ics").status == 201)
        #expect(try putEvent(server, "b.ics").status == 201)
        #expect(try server.request("DELETE", calendar, auth: alice).status == 204)
        #expect(try makeAddressBook(server, calendar) == 201)
        let event = try putEvent(server, "c.ics")
        #expect(event.status == 403)
        #expect(event.text.contains("supported-address-data"))
        let card = CardDAVEndToEndTests.card(uid: "k", name: "Kim", email: "kim@example.com")
        #expect(try put(server, calendar + "k.vcf", card, headers: ["Content-Type: text/vcard"]).status == 201)
        #expect(try put(server, calendar + "l.vcf", "not a card", headers: ["Content-Type: text/vcard"]).status == 403)
        #expect(try server.request("DELETE", calendar, auth: alice).status == 204)
        #expect(try server.request("MKCOL", calendar, auth: alice).status == 201)
        #expect(try put(server, calendar + "note.ics", "not a calendar").status == 201)
        #expect(try server.request("DELETE", calendar, auth: alice).status == 204)
        #expect(try put(server, calendar + "gone.ics", "x").status == 409)
    }

    @Test("a calendar moved away and another moved into its place: PUT follows the one now at the path")
    func movedCollections() throws {
        let server = try LiveServer()
        #expect(try putEvent(server, "a.ics").status == 201)
        #expect(try putEvent(server, "b.ics").status == 201)
        #expect(try makeTaskCalendar(server, "/dav/home/alice/tasks/") == 201)
        let away = ["Destination: /dav/home/alice/events/"]
        #expect(try server.request("MOVE", calendar, auth: alice, headers: away).status == 201)
        #expect(try putEvent(server, "c.ics").status == 409)
        let into = ["Destination: \(calendar)"]
        #expect(try server.request("MOVE", "/dav/home/alice/tasks/", auth: alice, headers: into).status == 201)
        let refused = try putEvent(server, "d.ics")
        #expect(refused.status == 403)
        #expect(refused.text.contains("supported-calendar-component"))
        let moved = try server.request("GET", "/dav/home/alice/events/a.ics", auth: alice)
        #expect(moved.status == 200)
    }

    @Test("PROPPATCH of supported-calendar-component-set applies to the next PUT")
    func proppatchedComponentSet() throws {
        let server = try LiveServer()
        #expect(try putEvent(server, "a.ics").status == 201)
        #expect(try putEvent(server, "b.ics").status == 201)
        let patch = try server.request(
            "PROPPATCH",
            calendar,
            auth: alice,
            headers: ["Content-Type: application/xml"],
            body: """
                <D:propertyupdate xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:set><D:prop>\
                <C:supported-calendar-component-set><C:comp name="VTODO"/></C:supported-calendar-component-set>\
                </D:prop></D:set></D:propertyupdate>
                """
        )
        #expect(patch.status == 207)
        let refused = try putEvent(server, "c.ics")
        #expect(refused.status == 403)
        #expect(refused.text.contains("supported-calendar-component"))
    }

    @Test("RFC 4918 §7.4: a Depth-0 lock on a known calendar guards new members, not the existing ones")
    // The LOCK empties the cache; the first PUT after it makes the calendar known again.
    func membershipLock() throws {
        let server = try LiveServer()
        #expect(try putEvent(server, "a.ics").status == 201)
        let locked = try server.request(
            "LOCK",
            calendar,
            auth: alice,
            headers: ["Depth: 0", "Timeout: Second-600", "Content-Type: application/xml"],
            body: #"<?xml version="1.0"?><D:lockinfo xmlns:D="DAV:"><D:lockscope><D:exclusive/></D:lockscope>"#
                + #"<D:locktype><D:write/></D:locktype><D:owner>e2e</D:owner></D:lockinfo>"#
        )
        #expect(locked.status == 200)
        let token = locked.header("lock-token").map { String($0.dropFirst().dropLast()) } ?? ""
        #expect(try putEvent(server, "a.ics").status == 204)
        let refused = try putEvent(server, "b.ics")
        #expect(refused.status == 423)
        #expect(refused.text.contains("<D:href>\(calendar)</D:href>"))
        #expect(try putEvent(server, "a.ics").status == 204)
        #expect(try putEvent(server, "b.ics", headers: ["If: <\(calendar)> (<\(token)>)"]).status == 201)
    }
}
