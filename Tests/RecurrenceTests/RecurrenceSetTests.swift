import ICalendarFormat
import Recurrence
import Testing

@Suite("RecurrenceSet and InstanceLister")
struct RecurrenceSetTests {
    static func calendar(_ body: String) -> [UInt8] {
        let text =
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
            + body.split(separator: "\n").map { $0 + "\r\n" }.joined() + "END:VCALENDAR\r\n"
        return Array(text.utf8)
    }

    static func lines(_ body: String, from: String, to: String, zone: String? = nil, max: Int = 1000) throws -> [String]
    {
        try InstanceLister.lines(forCalendarText: calendar(body), from: from, to: to, timeZone: zone, maxInstances: max)
    }

    @Test("RRULE + RDATE − EXDATE, a moved override and a THISANDFUTURE override, in UTC lines")
    func overridesAndDates() throws {
        let body = """
            BEGIN:VEVENT
            UID:a
            DTSTART;TZID=Europe/Berlin:20260105T090000
            DTEND;TZID=Europe/Berlin:20260105T100000
            RRULE:FREQ=DAILY;COUNT=6
            RDATE;TZID=Europe/Berlin:20260103T120000
            EXDATE;TZID=Europe/Berlin:20260106T090000
            END:VEVENT
            BEGIN:VEVENT
            UID:a
            RECURRENCE-ID;TZID=Europe/Berlin:20260107T090000
            DTSTART;TZID=Europe/Berlin:20260120T150000
            DTEND;TZID=Europe/Berlin:20260120T153000
            END:VEVENT
            BEGIN:VEVENT
            UID:a
            RECURRENCE-ID;RANGE=THISANDFUTURE;TZID=Europe/Berlin:20260109T090000
            DTSTART;TZID=Europe/Berlin:20260109T110000
            DTEND;TZID=Europe/Berlin:20260109T113000
            END:VEVENT
            """
        #expect(
            try Self.lines(body, from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z") == [
                "20260103T110000Z 20260103T110000Z 20260103T120000Z",
                "20260105T080000Z 20260105T080000Z 20260105T090000Z",
                "20260108T080000Z 20260108T080000Z 20260108T090000Z",
                "20260109T080000Z 20260109T100000Z 20260109T103000Z",
                "20260110T080000Z 20260110T100000Z 20260110T103000Z",
                "20260107T080000Z 20260120T140000Z 20260120T143000Z",
            ]
        )
        #expect(try Self.lines(body, from: "2026-01-07T00:00:00Z", to: "2026-01-08T00:00:00Z").isEmpty)
        #expect(try Self.lines(body, from: "2026-01-20T14:10:00Z", to: "2026-01-20T14:20:00Z").count == 1)
    }

    @Test("All-day events print DATE values and are read in the query's time zone (RFC 4791 §9.9)")
    func allDay() throws {
        let body = """
            BEGIN:VEVENT
            UID:b
            DTSTART;VALUE=DATE:20260301
            RRULE:FREQ=WEEKLY;COUNT=3
            END:VEVENT
            """
        #expect(
            try Self.lines(body, from: "2026-03-01T00:00:00Z", to: "2026-04-01T00:00:00Z") == [
                "20260301 20260301 20260302", "20260308 20260308 20260309", "20260315 20260315 20260316",
            ]
        )
        #expect(try Self.lines(body, from: "2026-03-08T23:30:00Z", to: "2026-03-09T00:00:00Z").count == 1)
        #expect(
            try Self.lines(body, from: "2026-03-08T23:30:00Z", to: "2026-03-09T00:00:00Z", zone: "Asia/Tokyo").isEmpty
        )
    }

    @Test("A 30-year daily event answers a one-month window; unbounded windows hit max-instances")
    func windowAndLimit() throws {
        let body = """
            BEGIN:VEVENT
            UID:c
            DTSTART:20000101T120000Z
            DURATION:PT1H
            RRULE:FREQ=DAILY
            END:VEVENT
            """
        #expect(try Self.lines(body, from: "2029-02-01T00:00:00Z", to: "2029-03-01T00:00:00Z").count == 28)
        #expect(throws: InstanceListerError.self) {
            try Self.lines(body, from: "2029-01-01T00:00:00Z", to: "2030-01-01T00:00:00Z", max: 100)
        }
        let calendar = try VCalendar.parse(Self.calendar(body))
        let span = InstanceSpan(calendar: calendar)
        #expect(span.end == Int64.max)
        #expect(span.start == FixtureFile.civil("20000101T120000").timestamp.secondsSinceEpoch - 14 * 3600)
    }

    @Test("InstanceSpan of a bounded rule ends with its last instance, overrides included")
    func boundedSpan() throws {
        let body = """
            BEGIN:VEVENT
            UID:d
            DTSTART:20260105T090000Z
            DTEND:20260105T100000Z
            RRULE:FREQ=WEEKLY;UNTIL=20260126T090000Z
            END:VEVENT
            BEGIN:VEVENT
            UID:d
            RECURRENCE-ID:20260112T090000Z
            DTSTART:20251201T090000Z
            DTEND:20251201T100000Z
            END:VEVENT
            """
        let span = InstanceSpan(calendar: try VCalendar.parse(Self.calendar(body)))
        #expect(span.start == FixtureFile.civil("20251201T090000").timestamp.secondsSinceEpoch - 14 * 3600)
        #expect(span.end == FixtureFile.civil("20260126T100000").timestamp.secondsSinceEpoch + 14 * 3600)
        #expect(!span.mayOverlap(from: FixtureFile.civil("20260301T000000").timestamp.secondsSinceEpoch, to: nil))
    }

    @Test("RDATE periods keep their own end; time ranges parse in both forms")
    func periods() throws {
        let body = """
            BEGIN:VEVENT
            UID:e
            DTSTART:20260105T090000Z
            DURATION:PT30M
            RDATE;VALUE=PERIOD:20260107T090000Z/PT2H
            END:VEVENT
            """
        #expect(
            try Self.lines(body, from: "20260101T000000Z", to: "20260201T000000Z") == [
                "20260105T090000Z 20260105T090000Z 20260105T093000Z",
                "20260107T090000Z 20260107T090000Z 20260107T110000Z",
            ]
        )
        #expect(throws: InstanceListerError.invalidRange("2026-01-01")) {
            try Self.lines(body, from: "20260101T000000Z", to: "2026-01-01")
        }
    }
}
