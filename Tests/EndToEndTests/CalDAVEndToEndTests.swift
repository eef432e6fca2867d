import Foundation
import TestSupport
import Testing

/// CalDAV discovery, calendar collections, object preconditions and sync against the real binary (the Python
/// `caldav` client drives the same paths in Tests/Interop).
@Suite("CalDAV end to end", .serialized)
struct CalDAVEndToEndTests {
    let alice = LiveServer.basic("alice", "alice-password")

    static func event(uid: String, start: String = "20260105T100000Z", summary: String = "Meeting") -> String {
        """
        BEGIN:VCALENDAR\r
        VERSION:2.0\r
        PRODID:-//Kalends tests//EN\r
        BEGIN:VEVENT\r
        UID:\(uid)\r
        DTSTAMP:20260101T000000Z\r
        DTSTART:\(start)\r
        DURATION:PT1H\r
        SUMMARY:\(summary)\r
        END:VEVENT\r
        END:VCALENDAR\r

        """
    }

    private func put(_ server: LiveServer, _ path: String, _ body: String, headers: [String] = []) throws
        -> RawResponse
    {
        try server.request("PUT", path, auth: alice, headers: ["Content-Type: text/calendar"] + headers, body: body)
    }

    @Test("discovery walks the root, the principal and the calendar home")
    func discoveryFromTheDAVRoot() throws {
        let server = try LiveServer()
        let root = try server.request(
            "PROPFIND",
            "/dav/",
            auth: alice,
            headers: ["Depth: 0"],
            body: #"<propfind xmlns="DAV:"><prop><current-user-principal/></prop></propfind>"#
        )
        #expect(root.status == 207)
        #expect(root.text.contains("<D:current-user-principal><D:href>/dav/principals/users/alice/</D:href>"))
        let principal = try server.request(
            "PROPFIND",
            "/dav/principals/users/alice/",
            auth: alice,
            headers: ["Depth: 0"],
            body: """
                <propfind xmlns="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><prop><C:calendar-home-set/>\
                <C:calendar-user-address-set/><principal-URL/><resourcetype/></prop></propfind>
                """
        )
        #expect(principal.text.contains("<C:calendar-home-set><D:href>/dav/home/alice/</D:href></C:calendar-home-set>"))
        #expect(principal.text.contains("<D:principal/>"))
        let home = try server.request(
            "PROPFIND",
            "/dav/home/alice/",
            auth: alice,
            headers: ["Depth: 1"],
            body: """
                <propfind xmlns="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><prop><resourcetype/>\
                <current-user-privilege-set/><C:supported-calendar-component-set/><supported-report-set/></prop>\
                </propfind>
                """
        )
        #expect(home.text.contains("<C:comp name=\"VEVENT\"/><C:comp name=\"VTODO\"/>"))
        #expect(home.text.contains("<D:privilege><D:write-content/></D:privilege>"))
        #expect(home.text.contains("<C:calendar-multiget/>"))
        #expect(home.text.contains("<D:sync-collection/>"))
    }

    @Test("another user's principal is readable but their home is not")
    func otherUsersHomeIsForbidden() throws {
        let server = try LiveServer(users: [("alice", "alice-password"), ("bob", "bob-password")])
        let bob = LiveServer.basic("bob", "bob-password")
        _ = try server.request("PROPFIND", "/dav/home/bob/", auth: bob, headers: ["Depth: 0"])
        #expect(try server.request("PROPFIND", "/dav/home/bob/", auth: alice, headers: ["Depth: 0"]).status == 403)
        let report = try server.request(
            "REPORT",
            "/dav/home/bob/calendar/",
            auth: alice,
            body: #"<sync-collection xmlns="DAV:"><sync-token/><prop><getetag/></prop></sync-collection>"#
        )
        #expect(report.status == 403)
    }

    @Test("MKCALENDAR creates a calendar with its properties; not inside another calendar")
    func mkcalendarCreatesACalendar() throws {
        let server = try LiveServer()
        let created = try server.request(
            "MKCALENDAR",
            "/dav/home/alice/work/",
            auth: alice,
            body: """
                <C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:set><D:prop>\
                <D:displayname>Work</D:displayname><C:supported-calendar-component-set><C:comp name="VTODO"/>\
                </C:supported-calendar-component-set></D:prop></D:set></C:mkcalendar>
                """
        )
        #expect(created.status == 201)
        #expect(try server.request("MKCALENDAR", "/dav/home/alice/work/", auth: alice).status == 405)
        let nested = try server.request("MKCALENDAR", "/dav/home/alice/work/inner/", auth: alice)
        #expect(nested.status == 403)
        #expect(nested.text.contains("calendar-collection-location-ok"))
        let event = try put(server, "/dav/home/alice/work/e.ics", Self.event(uid: "e"))
        #expect(event.status == 403)
        #expect(event.text.contains("supported-calendar-component"))
        let extended = try server.request(
            "MKCOL",
            "/dav/home/alice/family/",
            auth: alice,
            headers: ["Content-Type: application/xml"],
            body: """
                <D:mkcol xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:set><D:prop><D:resourcetype>\
                <D:collection/><C:calendar/></D:resourcetype><D:displayname>Family</D:displayname></D:prop></D:set>\
                </D:mkcol>
                """
        )
        #expect(extended.status == 201)
        #expect(try put(server, "/dav/home/alice/family/e.ics", Self.event(uid: "e")).status == 201)
    }

    @Test("a PUT that breaks a CalDAV precondition is refused with its element and changes nothing")
    func putPreconditionsLeaveTheStoreUnchanged() throws {
        let server = try LiveServer(extraArguments: ["--set", "caldav.max_resource_size=4096"])
        let first = try put(server, "/dav/home/alice/calendar/a.ics", Self.event(uid: "same"))
        #expect(first.status == 201)
        #expect(first.header("ETag") != nil)
        let duplicate = try put(server, "/dav/home/alice/calendar/b.ics", Self.event(uid: "same"))
        #expect(duplicate.status == 403)
        #expect(duplicate.text.contains("<C:no-uid-conflict><D:href>/dav/home/alice/calendar/a.ics</D:href>"))
        let broken = try put(server, "/dav/home/alice/calendar/a.ics", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
        #expect(broken.status == 403)
        #expect(broken.text.contains("valid-calendar-data"))
        let wrongType = try server.request(
            "PUT",
            "/dav/home/alice/calendar/a.ics",
            auth: alice,
            headers: ["Content-Type: text/plain"],
            body: "hello"
        )
        #expect(wrongType.text.contains("supported-calendar-data"))
        let huge = try put(server, "/dav/home/alice/calendar/h.ics", String(repeating: "x", count: 5000))
        #expect(huge.status == 403)
        #expect(huge.text.contains("max-resource-size"))
        let conditional = try put(
            server,
            "/dav/home/alice/calendar/a.ics",
            Self.event(uid: "same", summary: "Changed"),
            headers: ["If-None-Match: *"]
        )
        #expect(conditional.status == 412)
        let stored = try server.request("GET", "/dav/home/alice/calendar/a.ics", auth: alice)
        #expect(stored.text == Self.event(uid: "same"))
        #expect(stored.header("ETag") == first.header("ETag"))
        #expect(try server.request("GET", "/dav/home/alice/calendar/b.ics", auth: alice).status == 404)
    }

    @Test("Calendar limits: max-attendees-per-instance, max-instances on finite sets, min-/max-date-time; advertised")
    func calendarLimitsAreEnforcedAndAdvertised() throws {
        let server = try LiveServer(extraArguments: ["--set", "caldav.max_attendees=2"])
        let crowded = Self.event(uid: "crowd").replacingOccurrences(
            of: "SUMMARY:",
            with: "ATTENDEE:mailto:a@x.org\r\nATTENDEE:mailto:b@x.org\r\nATTENDEE:mailto:c@x.org\r\nSUMMARY:"
        )
        let attendees = try put(server, "/dav/home/alice/calendar/crowd.ics", crowded)
        #expect(attendees.status == 403 && attendees.text.contains("max-attendees-per-instance"))
        let many = Self.event(uid: "many").replacingOccurrences(
            of: "SUMMARY:",
            with: "RRULE:FREQ=DAILY;COUNT=20000\r\nSUMMARY:"
        )
        let instances = try put(server, "/dav/home/alice/calendar/many.ics", many)
        #expect(instances.status == 403 && instances.text.contains("max-instances"))
        let forever = Self.event(uid: "forever").replacingOccurrences(
            of: "SUMMARY:",
            with: "RRULE:FREQ=DAILY\r\nSUMMARY:"
        )
        #expect(try put(server, "/dav/home/alice/calendar/forever.ics", forever).status == 201)
        let ancient = try put(
            server,
            "/dav/home/alice/calendar/old.ics",
            Self.event(uid: "old", start: "18500101T100000Z")
        )
        #expect(ancient.status == 403 && ancient.text.contains("min-date-time"))
        let ancientForever = Self.event(uid: "old-forever", start: "18500101T100000Z").replacingOccurrences(
            of: "SUMMARY:",
            with: "RRULE:FREQ=YEARLY\r\nSUMMARY:"
        )
        let unbounded = try put(server, "/dav/home/alice/calendar/old-forever.ics", ancientForever)
        #expect(unbounded.status == 403 && unbounded.text.contains("min-date-time"))
        let future = try put(
            server,
            "/dav/home/alice/calendar/future.ics",
            Self.event(uid: "future", start: "21500101T100000Z")
        )
        #expect(future.status == 403 && future.text.contains("max-date-time"))
        let properties = try server.request(
            "PROPFIND",
            "/dav/home/alice/calendar/",
            auth: alice,
            headers: ["Depth: 0"],
            body: """
                <D:propfind xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><C:max-instances/>\
                <C:max-attendees-per-instance/><C:min-date-time/><C:max-date-time/></D:prop></D:propfind>
                """
        )
        #expect(properties.text.contains("<C:max-attendees-per-instance>2</C:max-attendees-per-instance>"))
        #expect(properties.text.contains("<C:min-date-time>19000101T000000Z</C:min-date-time>"))
    }

    @Test("GET with Accept returns jCal or xCal; text/calendar and no Accept give the stored bytes")
    func getNegotiatesCalendarFormats() throws {
        let server = try LiveServer()
        let stored = try put(server, "/dav/home/alice/calendar/a.ics", Self.event(uid: "a"))
        let json = try server.request(
            "GET",
            "/dav/home/alice/calendar/a.ics",
            auth: alice,
            headers: ["Accept: application/calendar+json, text/calendar;q=0.5"]
        )
        #expect(json.header("Content-Type") == "application/calendar+json")
        #expect(json.text.hasPrefix("[\"vcalendar\""))
        #expect(json.header("ETag") != stored.header("ETag"))
        #expect(json.header("Vary") == "Accept, CalDAV-Timezones")
        let xml = try server.request(
            "GET",
            "/dav/home/alice/calendar/a.ics",
            auth: alice,
            headers: ["Accept: application/calendar+xml"]
        )
        #expect(xml.text.contains("<vcalendar>"))
        let ical = try server.request(
            "GET",
            "/dav/home/alice/calendar/a.ics",
            auth: alice,
            headers: ["Accept: text/calendar, application/calendar+json;q=0.9"]
        )
        #expect(ical.text == Self.event(uid: "a"))
        #expect(ical.header("ETag") == stored.header("ETag"))
    }

    @Test("RFC 7809: an object stored without VTIMEZONE gets one with CalDAV-Timezones: T, loses it with F")
    func timeZonesByReference() throws {
        let server = try LiveServer()
        let options = try server.request("OPTIONS", "/dav/home/alice/calendar/", auth: alice)
        #expect(options.header("DAV")?.contains("calendar-no-timezone") == true)
        let byReference = Self.event(uid: "tz").replacingOccurrences(
            of: "DTSTART:20260105T100000Z",
            with: "DTSTART;TZID=Europe/Berlin:20260105T100000"
        )
        #expect(try put(server, "/dav/home/alice/calendar/tz.ics", byReference).status == 201)
        let filled = try server.request(
            "GET",
            "/dav/home/alice/calendar/tz.ics",
            auth: alice,
            headers: ["CalDAV-Timezones: T"]
        )
        #expect(filled.text.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin"))
        let report = try server.request(
            "REPORT",
            "/dav/home/alice/calendar/",
            auth: alice,
            headers: ["CalDAV-Timezones: T"],
            body: """
                <C:calendar-multiget xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop>\
                <C:calendar-data/></D:prop><D:href>/dav/home/alice/calendar/tz.ics</D:href></C:calendar-multiget>
                """
        )
        #expect(report.text.contains("TZID:Europe/Berlin"))
        #expect(report.text.contains("BEGIN:VTIMEZONE"))
        let withZone = try put(server, "/dav/home/alice/calendar/tz.ics", filled.text)
        #expect(withZone.status == 204)
        let omitted = try server.request(
            "GET",
            "/dav/home/alice/calendar/tz.ics",
            auth: alice,
            headers: ["CalDAV-Timezones: F"]
        )
        #expect(!omitted.text.contains("BEGIN:VTIMEZONE"))
        #expect(omitted.text.contains("DTSTART;TZID=Europe/Berlin:20260105T100000"))
    }

    @Test("calendar-multiget returns data for each href and 404 for missing ones")
    func multigetReturnsDataAndMissing() throws {
        let server = try LiveServer()
        _ = try put(server, "/dav/home/alice/calendar/a.ics", Self.event(uid: "a"))
        _ = try put(server, "/dav/home/alice/calendar/b.ics", Self.event(uid: "b"))
        let report = try server.request(
            "REPORT",
            "/dav/home/alice/calendar/",
            auth: alice,
            body: """
                <C:calendar-multiget xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><D:getetag/>\
                <C:calendar-data/></D:prop><D:href>/dav/home/alice/calendar/b.ics</D:href>\
                <D:href>http://localhost/dav/home/alice/calendar/a.ics</D:href>\
                <D:href>/dav/home/alice/calendar/missing.ics</D:href></C:calendar-multiget>
                """
        )
        #expect(report.status == 207)
        #expect(report.text.contains("UID:a"))
        #expect(report.text.contains("UID:b"))
        #expect(report.text.contains("<D:href>/dav/home/alice/calendar/missing.ics</D:href><D:status>HTTP/1.1 404"))
        let bIndex = try #require(report.text.range(of: "calendar/b.ics"))
        let aIndex = try #require(report.text.range(of: "calendar/a.ics"))
        #expect(bIndex.lowerBound < aIndex.lowerBound)
    }

    @Test("sync-collection: initial with an empty token, incremental with tombstones, limit, invalid token")
    func syncCollectionReportsChanges() throws {
        let server = try LiveServer()
        for name in ["a", "b", "c"] {
            _ = try put(server, "/dav/home/alice/calendar/\(name).ics", Self.event(uid: name))
        }
        func sync(_ token: String, limit: Int? = nil) throws -> RawResponse {
            let limitXML = limit.map { "<limit><nresults>\($0)</nresults></limit>" } ?? ""
            return try server.request(
                "REPORT",
                "/dav/home/alice/calendar/",
                auth: alice,
                body: """
                    <sync-collection xmlns="DAV:"><sync-token>\(token)</sync-token><sync-level>1</sync-level>\
                    \(limitXML)<prop><getetag/></prop></sync-collection>
                    """
            )
        }
        func token(of response: RawResponse) throws -> String {
            let text = response.text
            let start = try #require(text.range(of: "<D:sync-token>"))
            let end = try #require(text.range(of: "</D:sync-token>"))
            return String(text[start.upperBound..<end.lowerBound])
        }
        let initial = try sync("")
        #expect(initial.status == 207)
        #expect(initial.text.components(separatedBy: "<D:getetag>").count == 4)
        let first = try token(of: initial)
        _ = try server.request("DELETE", "/dav/home/alice/calendar/a.ics", auth: alice)
        _ = try put(server, "/dav/home/alice/calendar/b.ics", Self.event(uid: "b", summary: "Moved"))
        let incremental = try sync(first)
        #expect(incremental.text.contains("<D:href>/dav/home/alice/calendar/a.ics</D:href><D:status>HTTP/1.1 404"))
        #expect(incremental.text.contains("calendar/b.ics"))
        #expect(!incremental.text.contains("calendar/c.ics"))
        #expect(try sync(try token(of: incremental)).text.components(separatedBy: "<D:response>").count == 1)
        let limited = try sync("", limit: 1)
        #expect(limited.text.contains("HTTP/1.1 507"))
        let rest = try sync(try token(of: limited))
        #expect(rest.text.components(separatedBy: "<D:getetag>").count == 2)
        let invalid = try sync("http://kalends.org/ns/sync/999-1")
        #expect(invalid.status == 403)
        #expect(invalid.text.contains("valid-sync-token"))
    }

    @Test("Prefer: return=minimal drops the 404 propstats")
    func preferMinimalDropsMissingProperties() throws {
        let server = try LiveServer()
        let response = try server.request(
            "PROPFIND",
            "/dav/home/alice/calendar/",
            auth: alice,
            headers: ["Depth: 0", "Prefer: return=minimal"],
            body: #"<propfind xmlns="DAV:"><prop><getetag/><displayname/></prop></propfind>"#
        )
        #expect(response.status == 207)
        #expect(!response.text.contains("404"))
    }
}

/// The directory and expansion reports Apple clients use (RFC 3744 §9.4–§9.5, RFC 3253 §3.8).
@Suite("Principal reports end to end", .serialized)
struct PrincipalReportsEndToEndTests {
    let alice = LiveServer.basic("alice", "alice-password")

    @Test("principal-property-search finds a user by name; the search property set lists what it searches")
    func principalPropertySearchFindsUsers() throws {
        let server = try LiveServer(users: [("alice", "alice-password"), ("bob", "bob-password")])
        let search = try server.request(
            "REPORT",
            "/dav/principals/users/",
            auth: alice,
            body: """
                <D:principal-property-search xmlns:D="DAV:"><D:property-search><D:prop><D:displayname/></D:prop>\
                <D:match>BO</D:match></D:property-search><D:prop><D:displayname/></D:prop>\
                </D:principal-property-search>
                """
        )
        #expect(search.status == 207)
        #expect(search.text.contains("<D:href>/dav/principals/users/bob/</D:href>"))
        #expect(!search.text.contains("users/alice/"))
        let everyone = try server.request(
            "REPORT",
            "/",
            auth: alice,
            headers: ["Depth: 0"],
            body:
                #"<D:principal-property-search xmlns:D="DAV:"><D:prop><D:displayname/></D:prop></D:principal-property-search>"#
        )
        #expect(everyone.status == 207)
        #expect(everyone.text.contains("users/alice/") && everyone.text.contains("users/bob/"))
        let set = try server.request(
            "REPORT",
            "/dav/principals/users/",
            auth: alice,
            body: #"<D:principal-search-property-set xmlns:D="DAV:"/>"#
        )
        #expect(set.status == 200)
        #expect(set.text.contains("calendar-user-address-set"))
    }

    @Test("expand-property replaces the principal href by the principal's properties")
    func expandPropertyFollowsHrefs() throws {
        let server = try LiveServer()
        let response = try server.request(
            "REPORT",
            "/dav/home/alice/",
            auth: alice,
            headers: ["Depth: 0"],
            body: """
                <D:expand-property xmlns:D="DAV:"><D:property name="current-user-principal">\
                <D:property name="calendar-home-set" namespace="urn:ietf:params:xml:ns:caldav"/>\
                <D:property name="displayname"/></D:property></D:expand-property>
                """
        )
        #expect(response.status == 207)
        #expect(
            response.text.contains(
                "<D:current-user-principal><D:response><D:href>/dav/principals/users/alice/</D:href><D:propstat>"
            )
        )
        #expect(response.text.contains("<C:calendar-home-set><D:href>/dav/home/alice/</D:href>"))
    }

    @Test("a calendar's displayname set by MKCALENDAR or PROPPATCH comes back; the principal's is the user name")
    func calendarDisplayNameRoundTrips() throws {
        let server = try LiveServer()
        let created = try server.request(
            "MKCALENDAR",
            "/dav/home/alice/work/",
            auth: alice,
            body: """
                <C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:set><D:prop>\
                <D:displayname>Work</D:displayname></D:prop></D:set></C:mkcalendar>
                """
        )
        #expect(created.status == 201)
        let names = #"<propfind xmlns="DAV:"><prop><displayname/></prop></propfind>"#
        let first = try server.request(
            "PROPFIND",
            "/dav/home/alice/work/",
            auth: alice,
            headers: ["Depth: 0"],
            body: names
        )
        #expect(first.text.contains("<D:displayname>Work</D:displayname>"))
        let patch = try server.request(
            "PROPPATCH",
            "/dav/home/alice/work/",
            auth: alice,
            body:
                #"<propertyupdate xmlns="DAV:"><set><prop><displayname>Büro</displayname></prop></set></propertyupdate>"#
        )
        #expect(patch.status == 207)
        let second = try server.request("PROPFIND", "/dav/home/alice/", auth: alice, headers: ["Depth: 1"], body: names)
        #expect(second.text.contains("<D:displayname>Büro</D:displayname>"))
        let principal = try server.request(
            "PROPFIND",
            "/dav/principals/users/alice/",
            auth: alice,
            headers: ["Depth: 0"],
            body: names
        )
        #expect(principal.text.contains("<D:displayname>alice</D:displayname>"))
    }

    @Test("allprop PROPFIND answers 207 on the DAV root and on a principal")
    func allpropOnSynthesisedResources() throws {
        let server = try LiveServer()
        for path in ["/dav/", "/dav/principals/users/alice/"] {
            let response = try server.request(
                "PROPFIND",
                path,
                auth: alice,
                headers: ["Depth: 0"],
                body: #"<propfind xmlns="DAV:"><allprop/></propfind>"#
            )
            #expect(response.status == 207)
            #expect(response.text.contains("<D:resourcetype>"))
        }
    }

    @Test("a VTODO without DTSTART and DUE is stored and matches every time range (RFC 4791 §9.9)")
    func undatedTodoIsAccepted() throws {
        let server = try LiveServer()
        let todo = """
            BEGIN:VCALENDAR\r
            VERSION:2.0\r
            PRODID:-//Kalends tests//EN\r
            BEGIN:VTODO\r
            UID:undated\r
            DTSTAMP:20260101T000000Z\r
            STATUS:NEEDS-ACTION\r
            SUMMARY:Someday\r
            END:VTODO\r
            END:VCALENDAR\r

            """
        #expect(
            try server.request(
                "PUT",
                "/dav/home/alice/calendar/undated.ics",
                auth: alice,
                headers: ["Content-Type: text/calendar"],
                body: todo
            ).status == 201
        )
        let query = try server.request(
            "REPORT",
            "/dav/home/alice/calendar/",
            auth: alice,
            headers: ["Depth: 1"],
            body: """
                <C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><D:getetag/></D:prop>\
                <C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VTODO">\
                <C:time-range start="20270101T000000Z" end="20270201T000000Z"/></C:comp-filter></C:comp-filter>\
                </C:filter></C:calendar-query>
                """
        )
        #expect(query.text.contains("/dav/home/alice/calendar/undated.ics"))
    }
}
