import ICalendarFormat
import Recurrence
import Testing

@Suite("RFC 4791 §9.9 time-range overlap")
struct TimeRangeOverlapTests {
    static func set(_ kind: ComponentKind, _ lines: String) throws -> RecurrenceSet {
        let text =
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:\(kind.rawValue)\r\nUID:x\r\n"
            + lines.split(separator: "\n").map { $0 + "\r\n" }.joined() + "END:\(kind.rawValue)\r\nEND:VCALENDAR\r\n"
        return try #require(try RecurrenceSet.sets(in: VCalendar.parse(text)).first)
    }

    static func t(_ text: String) -> Int64 { FixtureFile.civil(text).timestamp.secondsSinceEpoch }

    static func matches(_ kind: ComponentKind, _ lines: String, _ from: String, _ to: String) throws -> Bool {
        try TimeRangeOverlap.overlaps(set(kind, lines), from: t(from), to: t(to))
    }

    @Test("VEVENT: DTEND, DURATION > 0, DURATION = 0, DATE-TIME only, DATE only")
    func event() throws {
        let dtend = "DTSTART:20260105T090000Z\nDTEND:20260105T100000Z"
        #expect(try Self.matches(.event, dtend, "20260105T095959", "20260105T110000"))
        #expect(try !Self.matches(.event, dtend, "20260105T100000", "20260105T110000"))
        #expect(try !Self.matches(.event, dtend, "20260105T080000", "20260105T090000"))
        let duration = "DTSTART:20260105T090000Z\nDURATION:PT1H"
        #expect(try Self.matches(.event, duration, "20260105T080000", "20260105T090001"))
        let zero = "DTSTART:20260105T090000Z\nDURATION:PT0S"
        #expect(try Self.matches(.event, zero, "20260105T090000", "20260105T090001"))
        #expect(try !Self.matches(.event, zero, "20260105T080000", "20260105T090000"))
        #expect(try Self.matches(.event, "DTSTART:20260105T090000Z", "20260105T090000", "20260105T090001"))
        let date = "DTSTART;VALUE=DATE:20260105"
        #expect(try Self.matches(.event, date, "20260105T235959", "20260106T000000"))
        #expect(try !Self.matches(.event, date, "20260106T000000", "20260107T000000"))
    }

    @Test("A high-frequency rule reaches the range: instances in the look-back margin do not use up the look-ahead")
    func minutelyRuleStartingDaysBeforeTheRangeMatches() throws {
        let minutely = try Self.set(.event, "DTSTART:20260101T000000Z\nDURATION:PT10S\nRRULE:FREQ=MINUTELY;BYSECOND=30")
        #expect(try TimeRangeOverlap.overlaps(minutely, from: Self.t("20260110T120000"), to: Self.t("20260110T120100")))
        #expect(
            try !TimeRangeOverlap.overlaps(minutely, from: Self.t("20260110T120000"), to: Self.t("20260110T120020"))
        )
    }

    @Test("Open-ended ranges on unbounded rules answer without hitting max-instances")
    func openEnded() throws {
        let daily = try Self.set(.event, "DTSTART:20000105T090000Z\nDURATION:PT1H\nRRULE:FREQ=DAILY")
        #expect(try TimeRangeOverlap.overlaps(daily, from: Self.t("20300101T000000"), to: nil))
        let counted = try Self.set(.event, "DTSTART:20000105T090000Z\nDURATION:PT1H\nRRULE:FREQ=DAILY;COUNT=3")
        #expect(try !TimeRangeOverlap.overlaps(counted, from: Self.t("20000108T000000"), to: nil))
        #expect(try TimeRangeOverlap.overlaps(counted, from: nil, to: Self.t("20000105T090001")))
    }

    @Test("VTODO: the eight DTSTART/DURATION/DUE/COMPLETED/CREATED rows")
    func todo() throws {
        let startDuration = "DTSTART:20260105T090000Z\nDURATION:PT1H"
        #expect(try Self.matches(.todo, startDuration, "20260105T100000", "20260105T110000"))
        #expect(try !Self.matches(.todo, startDuration, "20260105T100001", "20260105T110000"))
        let startDue = "DTSTART:20260105T090000Z\nDUE:20260105T100000Z"
        #expect(try !Self.matches(.todo, startDue, "20260105T100000", "20260105T110000"))
        #expect(try Self.matches(.todo, startDue, "20260105T080000", "20260105T090001"))
        let start = "DTSTART:20260105T090000Z"
        #expect(try Self.matches(.todo, start, "20260105T090000", "20260105T090001"))
        #expect(try !Self.matches(.todo, start, "20260105T090001", "20260105T100000"))
        let due = "DUE:20260105T100000Z"
        #expect(try Self.matches(.todo, due, "20260105T090000", "20260105T100000"))
        #expect(try !Self.matches(.todo, due, "20260105T100000", "20260105T110000"))
        let both = "COMPLETED:20260105T100000Z\nCREATED:20260101T100000Z"
        #expect(try Self.matches(.todo, both, "20260102T000000", "20260103T000000"))
        #expect(try !Self.matches(.todo, both, "20251201T000000", "20251202T000000"))
        #expect(try Self.matches(.todo, both, "20251231T000000", "20260101T100000"))
        let completed = "COMPLETED:20260105T100000Z"
        #expect(try Self.matches(.todo, completed, "20260105T100000", "20260105T100001"))
        #expect(try !Self.matches(.todo, completed, "20260105T100001", "20260105T110000"))
        let created = "CREATED:20260101T100000Z"
        #expect(try Self.matches(.todo, created, "20270101T000000", "20270102T000000"))
        #expect(try !Self.matches(.todo, created, "20250101T000000", "20260101T100000"))
        #expect(try Self.matches(.todo, "SUMMARY:none", "19000101T000000", "19000102T000000"))
    }

    @Test("VJOURNAL: DATE-TIME, DATE, no DTSTART")
    func journal() throws {
        #expect(try Self.matches(.journal, "DTSTART:20260105T090000Z", "20260105T090000", "20260105T090001"))
        #expect(try Self.matches(.journal, "DTSTART;VALUE=DATE:20260105", "20260105T120000", "20260105T130000"))
        #expect(try !Self.matches(.journal, "SUMMARY:x", "19000101T000000", "29000101T000000"))
    }

    @Test("VFREEBUSY: DTSTART/DTEND, else FREEBUSY periods")
    func freeBusy() throws {
        let text = """
            BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VFREEBUSY\r\nUID:f\r
            FREEBUSY:20260105T090000Z/PT1H,20260106T090000Z/20260106T100000Z\r\nEND:VFREEBUSY\r\nEND:VCALENDAR\r\n
            """
        let freeBusy = try #require(try VCalendar.parse(text).freeBusy.first)
        let resolver = TimeZoneResolver()
        #expect(
            TimeRangeOverlap.overlaps(freeBusy: freeBusy, from: Self.t("20260106T095959"), to: nil, resolver: resolver)
        )
        #expect(
            !TimeRangeOverlap.overlaps(
                freeBusy: freeBusy,
                from: Self.t("20260105T100000"),
                to: Self.t("20260106T090000"),
                resolver: resolver
            )
        )
    }

    @Test("VALARM: RELATED=END triggers with repeats on a recurring event")
    func alarm() throws {
        let text = """
            BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:g\r
            DTSTART:20260105T090000Z\r\nDTEND:20260105T100000Z\r\nRRULE:FREQ=DAILY;COUNT=3\r
            BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER;RELATED=END:PT15M\r\nREPEAT:2\r\nDURATION:PT10M\r\nEND:VALARM\r
            END:VEVENT\r\nEND:VCALENDAR\r\n
            """
        let calendar = try VCalendar.parse(text)
        let set = try #require(try RecurrenceSet.sets(in: calendar).first)
        let alarm = try #require(calendar.events.first?.alarms.first)
        let resolver = TimeZoneResolver()
        func hit(_ from: String, _ to: String) throws -> Bool {
            try TimeRangeOverlap.overlaps(alarm: alarm, of: set, from: Self.t(from), to: Self.t(to), resolver: resolver)
        }
        #expect(try hit("20260107T103500", "20260107T103501"))
        #expect(try !hit("20260107T103501", "20260107T104500"))
        #expect(try !hit("20260108T100000", "20260109T000000"))
    }
}
