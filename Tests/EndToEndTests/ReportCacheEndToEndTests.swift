import Foundation
import TestSupport
import Testing

/// Kept report responses (Docs/decisions/0017) through the real server and store: a server with the cache and
/// one without it are given the same writes, and after each step every calendar and address-book report answers
/// byte for byte alike on both — and alike again when repeated.
@Suite("Report cache end to end", .serialized)
struct ReportCacheEndToEndTests {
    let alice = LiveServer.basic("alice", "alice-password")

    /// The same requests to a server that keeps responses and to one that does not.
    struct Pair {
        let cached: LiveServer
        let uncached: LiveServer
        let auth: String

        init(auth: String) throws {
            cached = try LiveServer()
            uncached = try LiveServer(extraArguments: ["--set", "limits.report_cache_bytes=0"])
            self.auth = auth
        }

        /// Sends the request to both; expects the same status from each.
        @discardableResult
        func both(_ method: String, _ path: String, headers: [String] = [], body: String = "") throws -> Int {
            let first = try cached.request(method, path, auth: auth, headers: headers, body: body)
            let second = try uncached.request(method, path, auth: auth, headers: headers, body: body)
            #expect(first.status == second.status, "\(method) \(path)")
            return first.status
        }

        /// Sends a report to both twice; expects 207 and one text from all four.
        @discardableResult
        func sameReport(_ path: String, _ body: String, headers: [String] = [], depth: String = "1") throws -> String {
            var texts: [String] = []
            for server in [cached, cached, uncached, cached] {
                let response = try server.request(
                    "REPORT",
                    path,
                    auth: auth,
                    headers: ["Depth: \(depth)", "Content-Type: application/xml"] + headers,
                    body: body
                )
                #expect(response.status == 207)
                texts.append(response.text)
            }
            #expect(Set(texts).count == 1, "\(path): \(body.prefix(80))")
            return texts[0]
        }
    }

    static func event(_ index: Int, summary: String = "Meeting") -> String {
        let day = String(format: "%02d", 1 + index % 28)
        return CalDAVEndToEndTests.event(
            uid: "event-\(index)",
            start: "202603\(day)T\(String(format: "%02d", 8 + index % 10))0000Z",
            summary: "\(summary) \(index) <&>"
        )
    }

    static let monthQuery = """
        <C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><D:getetag/>\
        <C:calendar-data/></D:prop><C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT">\
        <C:time-range start="20260301T000000Z" end="20260401T000000Z"/></C:comp-filter></C:comp-filter></C:filter>\
        </C:calendar-query>
        """

    static var reports: [(body: String, headers: [String])] {
        [
            (monthQuery, []),
            (monthQuery, ["Prefer: return=minimal"]),
            (monthQuery, ["CalDAV-Timezones: F"]),
            (
                monthQuery.replacingOccurrences(
                    of: "<C:calendar-data/>",
                    with: #"<C:calendar-data><C:comp name="VCALENDAR"><C:comp name="VEVENT"><C:prop name="SUMMARY"/>"#
                        + "<C:prop name=\"UID\"/></C:comp></C:comp></C:calendar-data>"
                ),
                []
            ),
            (
                monthQuery.replacingOccurrences(
                    of: "<C:calendar-data/>",
                    with: #"<C:calendar-data><C:expand start="20260301T000000Z" end="20260315T000000Z"/>"#
                        + "</C:calendar-data>"
                ),
                []
            ),
            (monthQuery.replacingOccurrences(of: "<D:getetag/>", with: "<D:getetag/><D:getcontentlength/>"), []),
            (monthQuery.replacingOccurrences(of: "<D:getetag/>", with: "<D:getetag/><D:displayname/>"), []),
            (
                """
                <C:calendar-multiget xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><D:getetag/>\
                <C:calendar-data/></D:prop><D:href>/dav/home/alice/calendar/e1.ics</D:href>\
                <D:href>/dav/home/alice/calendar/e2.ics</D:href><D:href>/dav/home/alice/calendar/renamed.ics</D:href>\
                <D:href>/dav/home/alice/calendar/e1.ics</D:href><D:href>/dav/home/alice/calendar/gone.ics</D:href>\
                </C:calendar-multiget>
                """,
                []
            ),
        ]
    }

    /// A yearly event from `start` with no end: its span covers every later month, so the index names it for
    /// any month after `start` and the query has to expand it to decide.
    static func yearly(_ uid: String, start: String) -> String {
        CalDAVEndToEndTests.event(uid: uid, start: start, summary: "Yearly \(uid)")
            .replacingOccurrences(of: "DURATION:PT1H\r\n", with: "DURATION:PT1H\r\nRRULE:FREQ=YEARLY\r\n")
    }

    @Test(
        "a recurring event whose instances leave the month leaves the next query, and one whose instances enter it joins it"
    )
    func recurringEventsFollowTheirChanges() throws {
        let pair = try Pair(auth: alice)
        let calendar = "/dav/home/alice/calendar/"
        let headers = ["Content-Type: text/calendar"]
        try pair.both("PUT", "\(calendar)y1.ics", headers: headers, body: Self.yearly("y1", start: "20250310T090000Z"))
        try pair.both("PUT", "\(calendar)y2.ics", headers: headers, body: Self.yearly("y2", start: "20250615T090000Z"))
        for _ in 0..<2 {
            let text = try pair.sameReport(calendar, Self.monthQuery)
            #expect(text.contains("Yearly y1"))
            #expect(!text.contains("Yearly y2"))
        }
        try pair.both("PUT", "\(calendar)y1.ics", headers: headers, body: Self.yearly("y1", start: "20250615T090000Z"))
        try pair.both("PUT", "\(calendar)y2.ics", headers: headers, body: Self.yearly("y2", start: "20250310T090000Z"))
        for _ in 0..<2 {
            let text = try pair.sameReport(calendar, Self.monthQuery)
            #expect(!text.contains("Yearly y1"))
            #expect(text.contains("Yearly y2"))
        }
    }

    @Test("expanded floating events follow the calendar's time zone and the query's, first and repeated")
    func expandedFloatingEventsFollowTheirZone() throws {
        let pair = try Pair(auth: alice)
        let calendar = "/dav/home/alice/calendar/"
        // Floating events near the ends of March: which instances overlap the month depends on the zone.
        for (uid, start, count) in [
            ("a", "20260228T230000", 3), ("b", "20260331T200000", 2), ("c", "20260301T050000", 1),
            ("d", "20260228T233000", 1),
        ] {
            let event = CalDAVEndToEndTests.event(uid: uid, start: start, summary: "Floating \(uid)")
                .replacingOccurrences(
                    of: "DURATION:PT1H\r\n",
                    with: "DURATION:PT1H\r\n" + (count > 1 ? "RRULE:FREQ=DAILY;COUNT=\(count)\r\n" : "")
                )
            try pair.both("PUT", "\(calendar)\(uid).ics", headers: ["Content-Type: text/calendar"], body: event)
        }
        let expand = Self.monthQuery.replacingOccurrences(
            of: "<C:calendar-data/>",
            with: #"<C:calendar-data><C:expand start="20260301T000000Z" end="20260401T000000Z"/></C:calendar-data>"#
        )
        func answer(calendarZone: String?, queryZone: String? = nil) throws -> String {
            if let calendarZone {
                try pair.both(
                    "PROPPATCH",
                    calendar,
                    body: #"<D:propertyupdate xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:set><D:prop>"#
                        + "<C:calendar-timezone-id>\(calendarZone)</C:calendar-timezone-id></D:prop></D:set>"
                        + "</D:propertyupdate>"
                )
            }
            let body = queryZone.map {
                expand.replacingOccurrences(of: "</C:filter>", with: "</C:filter><C:timezone-id>\($0)</C:timezone-id>")
            }
            return try pair.sameReport(calendar, body ?? expand)
        }
        let utc = try answer(calendarZone: nil)
        #expect(utc.contains("RECURRENCE-ID:20260331T200000") && !utc.contains("RECURRENCE-ID:20260228T230000"))
        let newYork = try answer(calendarZone: "America/New_York")
        #expect(newYork.contains("RECURRENCE-ID:20260228T230000") && !newYork.contains("Floating b"))
        let tokyo = try answer(calendarZone: "Asia/Tokyo")
        #expect(!tokyo.contains("Floating c") && !tokyo.contains("Floating d"))
        let berlin = try answer(calendarZone: nil, queryZone: "Europe/Berlin")
        #expect(berlin.contains("Floating c") && !berlin.contains("Floating d"))
        #expect(Set([utc, newYork, tokyo, berlin]).count == 4)
        #expect(try answer(calendarZone: nil) == tokyo)
    }

    @Test("a calendar deleted and made again under its name, at the same revision, answers with its own events")
    func remadeCalendarAnswersWithItsOwnEvents() throws {
        let pair = try Pair(auth: alice)
        let calendar = "/dav/home/alice/work/"
        for round in 0..<2 {
            if round == 1 { #expect(try pair.both("DELETE", calendar) == 204) }
            #expect(try pair.both("MKCALENDAR", calendar) == 201)
            try pair.both(
                "PUT",
                "\(calendar)e.ics",
                headers: ["Content-Type: text/calendar"],
                body: Self.event(1, summary: "Round \(round)")
            )
            for _ in 0..<2 { #expect(try pair.sameReport(calendar, Self.monthQuery).contains("Round \(round)")) }
        }
    }

    @Test("calendar reports answer alike with and without the cache through PUT, DELETE, MOVE, COPY and PROPPATCH")
    func calendarReportsMatchAnUncachedServer() throws {
        let pair = try Pair(auth: alice)
        let calendar = "/dav/home/alice/calendar/"
        for index in 0..<40 {
            try pair.both(
                "PUT",
                "\(calendar)e\(index).ics",
                headers: ["Content-Type: text/calendar"],
                body: Self.event(index)
            )
        }
        func compareAll() throws {
            for report in Self.reports { try pair.sameReport(calendar, report.body, headers: report.headers) }
        }
        try compareAll()
        for index in [1, 5, 9] {
            try pair.both(
                "PUT",
                "\(calendar)e\(index).ics",
                headers: ["Content-Type: text/calendar"],
                body: Self.event(index, summary: "Moved meeting")
            )
        }
        // The same bytes again: a new modification time under the same entity tag.
        try pair.both("PUT", "\(calendar)e2.ics", headers: ["Content-Type: text/calendar"], body: Self.event(2))
        try pair.both("DELETE", "\(calendar)e3.ics")
        try pair.both("MOVE", "\(calendar)e4.ics", headers: ["Destination: \(calendar)renamed.ics"])
        try pair.both("COPY", "\(calendar)e6.ics", headers: ["Destination: \(calendar)copied.ics"])
        try pair.both(
            "PROPPATCH",
            "\(calendar)e7.ics",
            body: #"<D:propertyupdate xmlns:D="DAV:"><D:set><D:prop><D:displayname>Seven</D:displayname>"#
                + "</D:prop></D:set></D:propertyupdate>"
        )
        try compareAll()
        let text = try pair.sameReport(calendar, Self.monthQuery)
        #expect(text.contains("Moved meeting 5"))
        #expect(text.contains("renamed.ics"))
        #expect(!text.contains("e3.ics"))
    }

    @Test("address-book reports answer alike with and without the cache through updates and deletions")
    func addressBookReportsMatchAnUncachedServer() throws {
        let pair = try Pair(auth: alice)
        let book = "/dav/home/alice/contacts/"
        for index in 0..<30 {
            try pair.both(
                "PUT",
                "\(book)c\(index).vcf",
                headers: ["Content-Type: text/vcard"],
                body: CardDAVEndToEndTests.card(
                    uid: "c\(index)",
                    name: "Person \(index)",
                    email: "p\(index)@example.org"
                )
            )
        }
        let query = """
            <C:addressbook-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:carddav"><D:prop><D:getetag/>\
            <C:address-data/></D:prop><C:filter><C:prop-filter name="EMAIL"><C:text-match match-type="contains">\
            example</C:text-match></C:prop-filter></C:filter></C:addressbook-query>
            """
        let selected = query.replacingOccurrences(
            of: "<C:address-data/>",
            with: #"<C:address-data content-type="text/vcard" version="3.0"><C:prop name="EMAIL"/></C:address-data>"#
        )
        let multiget = """
            <C:addressbook-multiget xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:carddav"><D:prop><D:getetag/>\
            <C:address-data/></D:prop><D:href>/dav/home/alice/contacts/c1.vcf</D:href>\
            <D:href>/dav/home/alice/contacts/c2.vcf</D:href></C:addressbook-multiget>
            """
        for body in [query, selected, multiget] { try pair.sameReport(book, body) }
        try pair.both(
            "PUT",
            "\(book)c1.vcf",
            headers: ["Content-Type: text/vcard"],
            body: CardDAVEndToEndTests.card(uid: "c1", name: "Renamed Person", email: "renamed@example.org")
        )
        try pair.both("DELETE", "\(book)c2.vcf")
        for body in [query, selected, multiget] { try pair.sameReport(book, body) }
        #expect(try pair.sameReport(book, query).contains("renamed@example.org"))
    }
}
