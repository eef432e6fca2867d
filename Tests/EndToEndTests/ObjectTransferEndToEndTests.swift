import Foundation
import TestSupport
import Testing

/// COPY and MOVE into calendars and address books go through the destination's object policy (RFC 4791
/// §5.3.2.1 and RFC 6352 §6.3.2.1 apply to COPY and MOVE as to PUT).
@Suite("COPY and MOVE of calendar and address objects end to end", .serialized)
struct ObjectTransferEndToEndTests {
    let alice = LiveServer.basic("alice", "alice-password")

    private func makeCalendar(_ server: LiveServer, _ name: String) throws {
        let response = try server.request(
            "MKCALENDAR",
            "/dav/home/alice/\(name)/",
            auth: alice,
            body: ""
        )
        #expect(response.status == 201)
    }

    private func putEvent(_ server: LiveServer, _ path: String, uid: String) throws {
        let response = try server.request(
            "PUT",
            path,
            auth: alice,
            headers: ["Content-Type: text/calendar"],
            body: CalDAVEndToEndTests.event(uid: uid)
        )
        #expect(response.status == 201)
    }

    private func query(_ server: LiveServer, _ calendar: String) throws -> RawResponse {
        try server.request(
            "REPORT",
            "/dav/home/alice/\(calendar)/",
            auth: alice,
            headers: ["Depth: 1"],
            body: """
                <C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><D:getetag/></D:prop>\
                <C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT">\
                <C:time-range start="20260101T000000Z" end="20260201T000000Z"/></C:comp-filter></C:comp-filter>\
                </C:filter></C:calendar-query>
                """
        )
    }

    @Test("RFC 4791 §5.3.2.1: copying a plain text file into a calendar is refused with supported-calendar-data")
    func copyTextFileIntoCalendarIsRefused() throws {
        let server = try LiveServer()
        #expect(try server.request("PUT", "/dav/home/alice/notes.txt", auth: alice, body: "just text").status == 201)
        for method in ["COPY", "MOVE"] {
            let response = try server.request(
                method,
                "/dav/home/alice/notes.txt",
                auth: alice,
                headers: ["Destination: /dav/home/alice/calendar/notes.ics"]
            )
            #expect(response.status == 403)
            #expect(response.text.contains("<C:supported-calendar-data/>"))
        }
        #expect(try server.request("GET", "/dav/home/alice/calendar/notes.ics", auth: alice).status == 404)
        #expect(try server.request("GET", "/dav/home/alice/notes.txt", auth: alice).text == "just text")
    }

    @Test("RFC 4791 §5.3.2.1: a text/plain body with iCalendar syntax errors is refused with valid-calendar-data")
    func copyInvalidCalendarDataIsRefused() throws {
        let server = try LiveServer()
        let put = try server.request(
            "PUT",
            "/dav/home/alice/broken.ics",
            auth: alice,
            headers: ["Content-Type: text/calendar"],
            body: "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"
        )
        #expect(put.status == 201)
        let copy = try server.request(
            "COPY",
            "/dav/home/alice/broken.ics",
            auth: alice,
            headers: ["Destination: /dav/home/alice/calendar/broken.ics"]
        )
        #expect(copy.status == 403)
        #expect(copy.text.contains("valid-calendar"))
    }

    @Test("a valid .ics file copied from a plain folder into a calendar is indexed and found by calendar-query")
    func copyValidEventFileIntoCalendarIndexesIt() throws {
        let server = try LiveServer()
        let put = try server.request(
            "PUT",
            "/dav/home/alice/import.ics",
            auth: alice,
            headers: ["Content-Type: text/calendar"],
            body: CalDAVEndToEndTests.event(uid: "imported")
        )
        #expect(put.status == 201)
        let move = try server.request(
            "MOVE",
            "/dav/home/alice/import.ics",
            auth: alice,
            headers: ["Destination: /dav/home/alice/calendar/import.ics"]
        )
        #expect(move.status == 201)
        #expect(try server.request("GET", "/dav/home/alice/import.ics", auth: alice).status == 404)
        #expect(try query(server, "calendar").text.contains("<D:href>/dav/home/alice/calendar/import.ics</D:href>"))
    }

    @Test("moving an event between calendars keeps it indexed; a UID clash at the destination is no-uid-conflict")
    func moveBetweenCalendarsKeepsIndexAndChecksUID() throws {
        let server = try LiveServer()
        try makeCalendar(server, "work")
        try putEvent(server, "/dav/home/alice/calendar/a.ics", uid: "shared-uid")
        let move = try server.request(
            "MOVE",
            "/dav/home/alice/calendar/a.ics",
            auth: alice,
            headers: ["Destination: /dav/home/alice/work/a.ics"]
        )
        #expect(move.status == 201)
        #expect(try query(server, "work").text.contains("<D:href>/dav/home/alice/work/a.ics</D:href>"))
        #expect(!(try query(server, "calendar").text.contains("a.ics")))
        try putEvent(server, "/dav/home/alice/calendar/b.ics", uid: "shared-uid")
        for method in ["COPY", "MOVE"] {
            let clash = try server.request(
                method,
                "/dav/home/alice/calendar/b.ics",
                auth: alice,
                headers: ["Destination: /dav/home/alice/work/b.ics"]
            )
            #expect(clash.status == 403)
            #expect(clash.text.contains("<C:no-uid-conflict><D:href>/dav/home/alice/work/a.ics</D:href>"))
        }
        #expect(try server.request("GET", "/dav/home/alice/calendar/b.ics", auth: alice).status == 200)
        #expect(try server.request("GET", "/dav/home/alice/work/b.ics", auth: alice).status == 404)
    }

    @Test("a folder cannot be copied into a calendar, and a vCard cannot be copied into a calendar")
    func collectionsAndForeignObjectsAreRefused() throws {
        let server = try LiveServer()
        #expect(try server.request("MKCOL", "/dav/home/alice/folder/", auth: alice).status == 201)
        let folder = try server.request(
            "COPY",
            "/dav/home/alice/folder/",
            auth: alice,
            headers: ["Destination: /dav/home/alice/calendar/folder/"]
        )
        #expect(folder.status == 403)
        #expect(folder.text.contains("calendar-collection-location-ok"))
        let card = "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:c1\r\nFN:Ann\r\nEND:VCARD\r\n"
        let put = try server.request(
            "PUT",
            "/dav/home/alice/contacts/ann.vcf",
            auth: alice,
            headers: ["Content-Type: text/vcard"],
            body: card
        )
        #expect(put.status == 201)
        let copy = try server.request(
            "COPY",
            "/dav/home/alice/contacts/ann.vcf",
            auth: alice,
            headers: ["Destination: /dav/home/alice/calendar/ann.ics"]
        )
        #expect(copy.status == 403)
        #expect(copy.text.contains("supported-calendar-data"))
    }

    @Test("RFC 6352 §6.3.2.1: a text file copied into an address book is refused with supported-address-data")
    func copyTextFileIntoAddressBookIsRefused() throws {
        let server = try LiveServer()
        #expect(try server.request("PUT", "/dav/home/alice/notes.txt", auth: alice, body: "text").status == 201)
        let copy = try server.request(
            "COPY",
            "/dav/home/alice/notes.txt",
            auth: alice,
            headers: ["Destination: /dav/home/alice/contacts/notes.vcf"]
        )
        #expect(copy.status == 403)
        #expect(copy.text.contains("supported-address-data"))
    }
}
