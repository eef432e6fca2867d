import DAVCore
import Foundation
import ICalendarFormat
import MIMEDir
import Recurrence
import Testing

@testable import CalDAV

@Suite("expand from the stored lines (RFC 4791 §9.6.5)")
struct CalendarDataRendererStoredExpandTests {
    /// `text` with CRLF line ends, as clients store objects.
    static func stored(_ text: String) -> [UInt8] {
        Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)
    }

    /// A VCALENDAR around `body`, CRLF.
    static func storedCalendar(_ body: String) -> [UInt8] {
        stored("BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//Kalends//Tests//EN\n\(body)\nEND:VCALENDAR\n")
    }

    static let description =
        "DESCRIPTION:Agenda: status of the open items, risks, next steps. Please rea\n d the attached document."

    static let single = storedCalendar(
        QueryTestSupport.berlin + """

            BEGIN:VEVENT
            UID:single
            DTSTAMP:20241107T220430Z
            DTSTART;TZID=Europe/Berlin:20260205T163000
            DTEND;TZID=Europe/Berlin:20260205T171500
            SUMMARY:Architecture round
            \(description)
            ATTENDEE;CN=Lukas;ROLE=REQ-PARTICIPANT;PARTSTAT=TENTATIVE;RSVP=TRUE:mailto:
             lukas@example.org
            BEGIN:VALARM
            ACTION:DISPLAY
            DESCRIPTION:Reminder
            TRIGGER:-PT5M
            END:VALARM
            END:VEVENT
            """
    )

    static func request(_ start: String, _ end: String) -> CalendarDataRequest {
        CalendarDataRequest(expand: CalendarDataRendererTests.range(start, end))
    }

    static func contains(_ output: [UInt8], _ text: String) -> Bool {
        let needle = stored(text)
        guard output.count >= needle.count else { return false }
        return (0...(output.count - needle.count)).contains { output[$0..<($0 + needle.count)].elementsEqual(needle) }
    }

    @Test("expand of a single event in Europe/Berlin gives it in UTC without RECURRENCE-ID, other lines as stored")
    func expandOfSingleEventInBerlinGivesUTCWithoutRecurrenceID() throws {
        let output = try CalendarDataRenderer.render(
            Self.single,
            request: Self.request("20260201T000000Z", "20260301T000000Z")
        )
        let calendar = try VCalendar.parse(output)
        #expect(calendar.timeZones.isEmpty)
        let event = try #require(calendar.events.first)
        #expect(calendar.events.count == 1)
        #expect(event.component.property("DTSTART")?.value == "20260205T153000Z")
        #expect(event.component.property("DTEND")?.value == "20260205T161500Z")
        #expect(event.component.property("DTSTART")?.parameterValue("TZID") == nil)
        #expect(event.component.property("RECURRENCE-ID") == nil)
        #expect(event.component.components.map(\.name) == ["VALARM"])
        #expect(Self.contains(output, Self.description + "\n"))
        #expect(Self.contains(output, "RSVP=TRUE:mailto:\n lukas@example.org\n"))
    }

    @Test("expand of a single event outside the range leaves the VCALENDAR without components")
    func expandOfEventOutsideTheRangeGivesNoInstance() throws {
        let output = try CalendarDataRenderer.render(
            Self.single,
            request: Self.request("20260301T000000Z", "20260401T000000Z")
        )
        let calendar = try VCalendar.parse(output)
        #expect(calendar.component.components.isEmpty)
        #expect(calendar.component.properties.map(\.name) == ["VERSION", "PRODID"])
    }

    @Test("A property whose TZID parameter is folded is converted to UTC like DTSTART")
    func foldedTZIDParameterIsConverted() throws {
        let stored = Self.storedCalendar(
            QueryTestSupport.berlin + """

                BEGIN:VEVENT
                UID:x
                DTSTAMP:20260101T000000Z
                DTSTART;TZID=Europe/Berlin:20260710T100000
                X-KALENDS-SEEN;VALUE=DATE-TIME;TZ
                 ID=Europe/Berlin:20260709T120000
                X-NOTE;X-P="a;TZID=b:c":text
                END:VEVENT
                """
        )
        let output = try CalendarDataRenderer.render(
            stored,
            request: Self.request("20260701T000000Z", "20260801T000000Z")
        )
        let event = try #require(try VCalendar.parse(output).events.first)
        #expect(event.component.property("X-KALENDS-SEEN")?.value == "20260709T100000Z")
        #expect(event.component.property("X-NOTE")?.value == "text")
        #expect(event.component.property("DTSTART")?.value == "20260710T080000Z")
    }

    @Test("Objects not in the plain stored shape (LF line ends) are expanded from the parsed object")
    func lineFeedObjectsFallBackToTheParsedObject() throws {
        let lineFeeds = Array(
            String(decoding: Self.single, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n").utf8
        )
        let request = Self.request("20260201T000000Z", "20260301T000000Z")
        #expect(try CalendarDataRenderer.expandStored(lineFeeds, to: #require(request.expand)) == nil)
        #expect(try CalendarDataRenderer.expandStored(Self.single, to: #require(request.expand)) != nil)
        let output = try VCalendar.parse(try CalendarDataRenderer.render(lineFeeds, request: request))
        #expect(output.events.first?.component.property("DTSTART")?.value == "20260205T153000Z")
    }

    @Test("A floating event near the range's end is expanded in each floating zone, also after the other")
    func cachedPlansAreKeptPerFloatingZone() throws {
        let lateEvening = Self.storedCalendar(
            "BEGIN:VEVENT\nUID:late\nDTSTAMP:20260101T000000Z\nDTSTART:20260331T230000\nDURATION:PT1H\nEND:VEVENT"
        )
        let request = Self.request("20260301T000000Z", "20260401T000000Z")
        for _ in 0..<2 {
            let utc = try CalendarDataRenderer.render(lateEvening, request: request)
            let newYork = try CalendarDataRenderer.render(
                lateEvening,
                request: request,
                floatingZone: Self.floatingZones[1]
            )
            #expect(try VCalendar.parse(utc).events.count == 1)
            #expect(try VCalendar.parse(newYork).events.isEmpty)
        }
    }

    @Test("expand from the stored lines past the instance limit fails CALDAV:max-instances")
    func storedExpansionPastTheLimitFails() throws {
        let stored = Self.storedCalendar(
            "BEGIN:VEVENT\nUID:m\nDTSTAMP:20260101T000000Z\nDTSTART:20260101T000000Z\nRRULE:FREQ=MINUTELY\nEND:VEVENT"
        )
        let request = Self.request("20260101T000000Z", "20260201T000000Z")
        #expect(throws: DAVError.self) {
            try CalendarDataRenderer.render(stored, request: request, limits: ExpansionLimits(maxInstances: 1000))
        }
    }

    /// Stored objects covering the cases expand distinguishes: recurring sets with EXDATE, overrides and
    /// THISANDFUTURE, all-day and floating values, VTODO with DUE, a set without DTSTART, other components.
    static let corpus: [[UInt8]] = [
        single,
        storedCalendar(
            QueryTestSupport.berlin + """

                BEGIN:VEVENT
                UID:weekly
                DTSTAMP:20260101T000000Z
                DTSTART;TZID=Europe/Berlin:20260305T183000
                DTEND;TZID=Europe/Berlin:20260305T184500
                RRULE:FREQ=WEEKLY;COUNT=8
                EXDATE;TZID=Europe/Berlin:20260319T183000
                SUMMARY:Weekly
                END:VEVENT
                BEGIN:VEVENT
                UID:weekly
                DTSTAMP:20260101T000000Z
                RECURRENCE-ID;TZID=Europe/Berlin:20260326T183000
                DTSTART;TZID=Europe/Berlin:20260326T203000
                DTEND;TZID=Europe/Berlin:20260326T204500
                SUMMARY:Weekly (moved)
                END:VEVENT
                BEGIN:VFREEBUSY
                UID:fb
                DTSTAMP:20260101T000000Z
                FREEBUSY:20260301T100000Z/PT1H
                END:VFREEBUSY
                """
        ),
        storedCalendar("BEGIN:VEVENT\nUID:day\nDTSTAMP:20260101T000000Z\nDTSTART;VALUE=DATE:20260310\nEND:VEVENT"),
        storedCalendar(
            "BEGIN:VEVENT\nUID:days\nDTSTAMP:20260101T000000Z\nDTSTART;VALUE=DATE:20260228\nRRULE:FREQ=DAILY;COUNT=5\nEND:VEVENT"
        ),
        storedCalendar(
            "BEGIN:VEVENT\nUID:float\nDTSTAMP:20260101T000000Z\nDTSTART:20260310T090000\nDURATION:PT1H\nEND:VEVENT"
        ),
        storedCalendar(
            "BEGIN:VTODO\nUID:todo\nDTSTAMP:20260101T000000Z\nDTSTART:20260301T090000Z\nDUE:20260302T090000Z\nRRULE:FREQ=WEEKLY;COUNT=3\nEND:VTODO"
        ),
        storedCalendar("BEGIN:VTODO\nUID:due\nDTSTAMP:20260101T000000Z\nDUE:20260302T090000Z\nEND:VTODO"),
        storedCalendar("BEGIN:VJOURNAL\nUID:j\nDTSTAMP:20260101T000000Z\nDTSTART;VALUE=DATE:20260315\nEND:VJOURNAL"),
        storedCalendar(
            "BEGIN:VEVENT\nUID:bad\nDTSTAMP:20260101T000000Z\nDTSTART:20260301T090000Z\nRRULE:FREQ=SOMETIMES\nEND:VEVENT"
        ),
    ]

    static let ranges = [
        ("20260201T000000Z", "20260301T000000Z"), ("20260301T000000Z", "20260401T000000Z"),
        ("20060101T000000Z", "20060201T000000Z"), ("20240501T000000Z", "20240801T000000Z"),
        ("19970101T000000Z", "20300101T000000Z"),
    ]

    static func fixtures() throws -> [[UInt8]] {
        let root = RFC4791Fixtures.root.deletingLastPathComponent()
        var result: [[UInt8]] = []
        for folder in ["rfc4791", "ical-real"] {
            let directory = root.appendingPathComponent(folder)
            for name in try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
            where name.hasSuffix(".ics") {
                result.append([UInt8](try Data(contentsOf: directory.appendingPathComponent(name))))
            }
        }
        return result
    }

    /// Floating zones the equality test expands in: UTC and one far from it, so a plan made for one zone and
    /// used for the other would show.
    static let floatingZones = [ResolvedTimeZone.utc, TimeZoneResolver.systemZone(named: "America/New_York")!]

    @Test("expand from the stored lines gives the same calendar as expanding the parsed object, again from the cache")
    func storedExpansionEqualsParsedExpansion() throws {
        for bytes in try Self.corpus + Self.fixtures() {
            guard let calendar = try? VCalendar.parse(bytes) else { continue }
            for ((start, end), zone) in Self.ranges.flatMap({ range in Self.floatingZones.map { (range, $0) } }) {
                let request = Self.request(start, end)
                let limits = ExpansionLimits(maxInstances: 200)
                let parsed = Result {
                    try CalendarDataRenderer.render(calendar, request: request, floatingZone: zone, limits: limits)
                }
                let fromStored = Result {
                    try CalendarDataRenderer.render(bytes, request: request, floatingZone: zone, limits: limits)
                }
                switch (parsed, fromStored) {
                case (.success(let expected), .success(let output)):
                    #expect(
                        try normalized(output) == normalized(expected),
                        "\(calendar.component.components.first?.name ?? "") \(start)"
                    )
                case (.failure, .failure):
                    continue
                default:
                    Issue.record(
                        "only one way failed for \(String(decoding: bytes.prefix(120), as: UTF8.self)) \(start)"
                    )
                }
            }
        }
    }
}
