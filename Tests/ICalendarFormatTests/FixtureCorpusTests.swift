import Foundation
import ICalendarFormat
import MIMEDir
import Testing

/// Loads files under `Tests/Fixtures/<folder>` (found through `#filePath`, no SwiftPM resources).
enum CalendarFixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static func names(_ folder: String) -> [String] {
        let directory = root.appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".ics") }.sorted()
    }

    static func bytes(_ folder: String, _ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: root.appendingPathComponent(folder).appendingPathComponent(name)))
    }

    static let all: [String] = names("rfc5545").map { "rfc5545/" + $0 } + names("ical-real").map { "ical-real/" + $0 }

    static func load(_ path: String) throws -> [UInt8] {
        let parts = path.split(separator: "/", maxSplits: 1).map(String.init)
        return try bytes(parts[0], parts[1])
    }
}

@Suite("iCalendar fixture corpus")
struct FixtureCorpusTests {
    /// Fixtures that are valid iCalendar but not acceptable as one CalDAV resource, with the expected precondition.
    static let expectedResourceProblems: [String: CalDAVPrecondition] = [
        "rfc5545/s4-mime-method.ics": .validCalendarObjectResource,
        "rfc5545/s4-busy-time.ics": .validCalendarObjectResource,
        "ical-real/google-calendar-export.ics": .validCalendarObjectResource,
        "rfc5545/s3.6.5-timezone-new-york-history.ics": .validCalendarObjectResource,
        "rfc5545/s3.6.5-timezone-new-york-dtstart-only.ics": .validCalendarObjectResource,
        "rfc5545/s3.6.5-timezone-new-york-rrule.ics": .validCalendarObjectResource,
        "rfc5545/s3.6.5-timezone-fictitious-end.ics": .validCalendarObjectResource,
        "rfc5545/s3.6.5-timezone-fictitious-two-daylight.ics": .validCalendarObjectResource,
    ]

    @Test("The corpus holds every RFC 5545 §3.6 and §4 example and the real-world files")
    func corpusIsPresent() {
        #expect(CalendarFixtures.names("rfc5545").count >= 24)
        #expect(CalendarFixtures.names("ical-real").count >= 9)
    }

    @Test("RFC 5545 §3.1: parse → serialize → parse gives an equal model", arguments: CalendarFixtures.all)
    func roundTrips(path: String) throws {
        let calendar = try VCalendar.parse(CalendarFixtures.load(path))
        let serialized = calendar.serialized()
        let again = try VCalendar.parse(serialized, options: .strict)
        #expect(again == calendar)
        #expect(MIMEDirSerializer().serialize(again.component) == serialized)
    }

    @Test("RFC 4791 §4.1: fixtures validate, or fail with the expected precondition", arguments: CalendarFixtures.all)
    func validates(path: String) throws {
        let calendar = try VCalendar.parse(CalendarFixtures.load(path))
        let found = CalendarObjectValidator().problems(in: calendar)
        if let expected = Self.expectedResourceProblems[path] {
            #expect(!found.isEmpty)
            #expect(found.allSatisfy { $0.precondition == expected }, "\(found.map(\.message))")
            let dataOnly = CalendarObjectValidator(options: .init(enforceResourceRules: false))
            #expect(dataOnly.problems(in: calendar).isEmpty, "\(dataOnly.problems(in: calendar))")
        } else {
            #expect(found.isEmpty, "\(found)")
        }
    }

    @Test(
        "RFC 5545 §4 examples parse strictly (CRLF, valid UTF-8, exact grammar)",
        arguments: CalendarFixtures.names("rfc5545")
    )
    func parsesRFCExamplesStrictly(name: String) throws {
        _ = try VCalendar.parse(CalendarFixtures.bytes("rfc5545", name), options: .strict)
    }

    @Test("Real-world quirks: Apple structured location, Outlook quoted TZID, Google overrides")
    func readsRealWorldQuirks() throws {
        let apple = try VCalendar.parse(CalendarFixtures.bytes("ical-real", "apple-calendar-event.ics"))
        let location = try #require(apple.events.first?.component.property("X-APPLE-STRUCTURED-LOCATION"))
        #expect(location.parameterValue("X-ADDRESS") == "Herrengasse 14, 1010 Wien, Austria")
        #expect(location.parameterValue("X-TITLE") == "Café Central")
        #expect(apple.events.first?.summary == "Frühstück mit 🥐 und Kaffee ☕")
        #expect(apple.events.first?.alarms.count == 2)
        let outlook = try VCalendar.parse(CalendarFixtures.bytes("ical-real", "outlook-meeting.ics"))
        #expect(outlook.events.first?.dtstart?.tzid == "W. Europe Standard Time")
        #expect(outlook.timeZone(tzid: "W. Europe Standard Time") != nil)
        let google = try VCalendar.parse(CalendarFixtures.bytes("ical-real", "google-calendar-export.ics"))
        #expect(google.method == "PUBLISH")
        #expect(google.events[2].recurrenceID?.dateTime.isUTC == true)
        #expect(
            google.events[1].alarms.first?.trigger
                == .relative(ICalDuration(isNegative: true, minutes: 30), relatedToEnd: false)
        )
        let davx5 = try CalendarObjectValidator().validate(
            CalendarFixtures.bytes("ical-real", "davx5-recurring-overrides.ics")
        )
        #expect(davx5.uid == "d3b07384-d113-4956-9a1c-1f1e2d3c4b5a")
        #expect(davx5.calendar.events.count == 3)
    }

    @Test("RFC 7986 and RFC 7953 properties and components are readable")
    func readsNewerProperties() throws {
        let calendar = try VCalendar.parse(CalendarFixtures.bytes("ical-real", "rfc7986-properties.ics"))
        #expect(calendar.name == "Team calendar")
        #expect(calendar.refreshInterval == ICalDuration(weeks: 1))
        #expect(calendar.color == "crimson")
        #expect(calendar.images.first?.uri == "https://example.com/i.png")
        let event = try #require(calendar.events.first)
        #expect(event.conferences.count == 2)
        #expect(event.conferences[0].uri == "tel:+1-888-555-0456,,,555123")
        #expect(event.images.first?.data == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        let availability = try VCalendar.parse(CalendarFixtures.bytes("ical-real", "availability-rfc7953.ics"))
        #expect(availability.availabilities.first?.available.first?.rrules == ["FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"])
        #expect(availability.component.components("X-KALENDS-EXPERIMENT").first?.property("X-FOO")?.value == "bar")
    }
}
