import Foundation
import TestSupport
import Testing

/// GET on a calendar or address book collection exports it whole (`.ics` / `.vcf`); browsers still get the HTML
/// listing.
@Suite("Collection export end to end", .serialized)
struct CollectionExportEndToEndTests {
    let alice = LiveServer.basic("alice", "alice-password")

    static func event(uid: String, zone: String, summary: String) -> String {
        """
        BEGIN:VCALENDAR\r
        VERSION:2.0\r
        PRODID:-//Kalends tests//EN\r
        BEGIN:VTIMEZONE\r
        TZID:\(zone)\r
        BEGIN:STANDARD\r
        DTSTART:19701025T030000\r
        TZOFFSETFROM:+0200\r
        TZOFFSETTO:+0100\r
        END:STANDARD\r
        END:VTIMEZONE\r
        BEGIN:VEVENT\r
        UID:\(uid)\r
        DTSTAMP:20260101T000000Z\r
        DTSTART;TZID=\(zone):20260105T100000\r
        DURATION:PT1H\r
        SUMMARY:\(summary)\r
        END:VEVENT\r
        END:VCALENDAR\r

        """
    }

    private func lines(_ text: String, _ prefix: String) -> Int {
        text.components(separatedBy: "\r\n").filter { $0.hasPrefix(prefix) }.count
    }

    @Test("GET on a calendar returns one VCALENDAR with every event and each VTIMEZONE once")
    func calendarExportMergesObjectsAndDeduplicatesTimeZones() throws {
        let server = try LiveServer()
        for (name, zone) in [("a", "Europe/Berlin"), ("b", "Europe/Berlin"), ("c", "Europe/Paris")] {
            let put = try server.request(
                "PUT",
                "/dav/home/alice/calendar/\(name).ics",
                auth: alice,
                headers: ["Content-Type: text/calendar"],
                body: Self.event(uid: "uid-\(name)", zone: zone, summary: "Event \(name)")
            )
            #expect(put.status == 201)
        }
        let export = try server.request("GET", "/dav/home/alice/calendar/", auth: alice, headers: ["Accept: */*"])
        #expect(export.status == 200)
        #expect(export.header("Content-Type") == "text/calendar; charset=utf-8")
        #expect(export.header("Content-Disposition")?.hasPrefix("attachment; filename=\"calendar.ics\"") == true)
        let text = export.text
        #expect(lines(text, "BEGIN:VCALENDAR") == 1)
        #expect(lines(text, "END:VCALENDAR") == 1)
        #expect(lines(text, "BEGIN:VEVENT") == 3)
        #expect(lines(text, "BEGIN:VTIMEZONE") == 2)
        #expect(lines(text, "TZID:Europe/Berlin") == 1)
        #expect(lines(text, "TZID:Europe/Paris") == 1)
        for name in ["a", "b", "c"] { #expect(text.contains("UID:uid-\(name)\r\n")) }
        #expect(text.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"))
        #expect(text.hasSuffix("END:VCALENDAR\r\n"))
    }

    @Test("the export names the display name, and a browser asking for text/html still gets the listing")
    func calendarExportUsesDisplayNameAndBrowsersGetHTML() throws {
        let server = try LiveServer()
        let rename = try server.request(
            "PROPPATCH",
            "/dav/home/alice/calendar/",
            auth: alice,
            body: #"""
                <D:propertyupdate xmlns:D="DAV:"><D:set><D:prop><D:displayname>Work, mostly</D:displayname>\
                </D:prop></D:set></D:propertyupdate>
                """#
        )
        #expect(rename.status == 207)
        let empty = try server.request("GET", "/dav/home/alice/calendar", auth: alice)
        #expect(empty.status == 200)
        #expect(empty.text.contains("X-WR-CALNAME:Work\\, mostly\r\n"))
        #expect(lines(empty.text, "BEGIN:VEVENT") == 0)
        let browser = try server.request(
            "GET",
            "/dav/home/alice/calendar/",
            auth: alice,
            headers: ["Accept: text/html,application/xhtml+xml,*/*;q=0.8"]
        )
        #expect(browser.status == 200)
        #expect(browser.header("Content-Type") == "text/html; charset=utf-8")
        let head = try server.request("HEAD", "/dav/home/alice/calendar/", auth: alice)
        #expect(head.status == 200)
        #expect(head.header("Content-Type") == "text/calendar; charset=utf-8")
    }

    @Test("GET on an address book returns the stored vCards concatenated")
    func addressBookExportConcatenatesCards() throws {
        let server = try LiveServer()
        let cards = [
            "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:u1\r\nFN:Ann\r\nEND:VCARD\r\n",
            "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:u2\r\nFN:Bob\r\nN:Bob;;;;\r\nEND:VCARD\r\n",
        ]
        for (index, card) in cards.enumerated() {
            let put = try server.request(
                "PUT",
                "/dav/home/alice/contacts/\(index).vcf",
                auth: alice,
                headers: ["Content-Type: text/vcard"],
                body: card
            )
            #expect(put.status == 201)
        }
        let export = try server.request("GET", "/dav/home/alice/contacts/", auth: alice)
        #expect(export.status == 200)
        #expect(export.header("Content-Type") == "text/vcard; charset=utf-8")
        #expect(export.header("Content-Disposition")?.contains("filename=\"contacts.vcf\"") == true)
        #expect(export.text == cards.joined())
    }

    @Test("a plain folder still answers GET with the HTML listing")
    func plainFolderGetsListing() throws {
        let server = try LiveServer()
        #expect(try server.request("MKCOL", "/dav/home/alice/docs/", auth: alice).status == 201)
        let listing = try server.request("GET", "/dav/home/alice/docs/", auth: alice)
        #expect(listing.header("Content-Type") == "text/html; charset=utf-8")
    }
}
