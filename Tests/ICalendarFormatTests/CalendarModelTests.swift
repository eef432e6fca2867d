import Foundation
import ICalendarFormat
import MIMEDir
import Testing

let sampleEvent = """
    BEGIN:VCALENDAR\r
    VERSION:2.0\r
    PRODID:-//Example//EN\r
    BEGIN:VTIMEZONE\r
    TZID:Europe/Berlin\r
    BEGIN:DAYLIGHT\r
    TZOFFSETFROM:+0100\r
    TZOFFSETTO:+0200\r
    TZNAME:CEST\r
    DTSTART:19700329T020000\r
    RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r
    END:DAYLIGHT\r
    BEGIN:STANDARD\r
    TZOFFSETFROM:+0200\r
    TZOFFSETTO:+0100\r
    TZNAME:CET\r
    DTSTART:19701025T030000\r
    RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r
    END:STANDARD\r
    END:VTIMEZONE\r
    BEGIN:VEVENT\r
    UID:abc\\,123@example.com\r
    DTSTAMP:20240101T120000Z\r
    DTSTART;TZID=Europe/Berlin:20240105T090000\r
    DTEND;TZID=Europe/Berlin:20240105T100000\r
    RRULE:FREQ=WEEKLY;COUNT=10\r
    EXDATE;TZID=Europe/Berlin:20240112T090000,20240119T090000\r
    SUMMARY:Team sync\\, weekly\r
    ORGANIZER;CN=Anna:mailto:anna@example.com\r
    ATTENDEE;CN="Müller, Ben";PARTSTAT=ACCEPTED;RSVP=TRUE:mailto:ben@x.org\r
    SEQUENCE:3\r
    TRANSP:TRANSPARENT\r
    COLOR:turquoise\r
    CONFERENCE;VALUE=URI;FEATURE=AUDIO,VIDEO;LABEL=Join:https://x.org/a\r
    X-UNKNOWN;X-P=1:keep me\r
    BEGIN:VALARM\r
    ACTION:DISPLAY\r
    TRIGGER;RELATED=END:-PT15M\r
    END:VALARM\r
    END:VEVENT\r
    BEGIN:VEVENT\r
    UID:abc\\,123@example.com\r
    RECURRENCE-ID;TZID=Europe/Berlin;RANGE=THISANDFUTURE:20240126T090000\r
    DTSTAMP:20240101T120000Z\r
    DTSTART;TZID=Europe/Berlin:20240126T100000\r
    DURATION:PT1H\r
    END:VEVENT\r
    END:VCALENDAR\r

    """

@Suite("iCalendar model")
struct CalendarModelTests {
    @Test("RFC 5545 §3.6.1: typed VEVENT accessors read UID, times, rules and people")
    func readsEventAccessors() throws {
        let calendar = try VCalendar.parse(sampleEvent)
        #expect(calendar.version == "2.0")
        let master = try #require(calendar.events.first)
        #expect(master.uid == "abc,123@example.com")
        #expect(
            master.dtstart == ICalDateTime(year: 2024, month: 1, day: 5, hour: 9, form: .local(tzid: "Europe/Berlin"))
        )
        #expect(master.dtend?.hour == 10)
        #expect(master.rrules == ["FREQ=WEEKLY;COUNT=10"])
        #expect(master.exdates.map(\.day) == [12, 19])
        #expect(master.summary == "Team sync, weekly")
        #expect(master.organizer?.commonName == "Anna")
        #expect(master.attendees.first?.commonName == "Müller, Ben")
        #expect(master.attendees.first?.participationStatus == "ACCEPTED")
        #expect(master.attendees.first?.rsvp == true)
        #expect(master.attendees.first?.email == "ben@x.org")
        #expect(master.sequence == 3)
        #expect(master.isOpaque == false)
        #expect(master.color == "turquoise")
        #expect(master.conferences.first?.features == ["AUDIO", "VIDEO"])
        #expect(master.isRecurring)
        #expect(
            master.alarms.first?.trigger == .relative(ICalDuration(isNegative: true, minutes: 15), relatedToEnd: true)
        )
        let override = calendar.events[1]
        #expect(override.recurrenceID?.thisAndFuture == true)
        #expect(override.duration == ICalDuration(hours: 1))
    }

    @Test("RFC 5545 §3.6.5: VTIMEZONE observances expose offsets, names and raw rules")
    func readsTimeZones() throws {
        let calendar = try VCalendar.parse(sampleEvent)
        let zone = try #require(calendar.timeZone(tzid: "Europe/Berlin"))
        #expect(zone.observances.map(\.kind) == [.daylight, .standard])
        #expect(zone.observances[0].offsetTo == UTCOffset(totalSeconds: 7_200))
        #expect(zone.observances[1].names == ["CET"])
        #expect(zone.observances[1].rrules == ["FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU"])
        #expect(zone.observances[1].dtstart?.isFloating == true)
    }

    @Test("RFC 5545 §3.1: parse → serialize → parse gives an equal model and keeps unknown properties")
    func roundTrips() throws {
        let calendar = try VCalendar.parse(sampleEvent)
        let again = try VCalendar.parse(calendar.serialized())
        #expect(again == calendar)
        #expect(calendar.text == sampleEvent)
    }

    @Test("Lenient input: LF line ends, lower-case names, BOM and trailing blank line")
    func acceptsLenientInput() throws {
        let messy =
            "\u{FEFF}"
            + sampleEvent.replacingOccurrences(of: "\r\n", with: "\n")
            .replacingOccurrences(of: "SUMMARY:", with: "summary:") + "\n\n"
        let calendar = try VCalendar.parse(messy)
        #expect(calendar.events.first?.summary == "Team sync, weekly")
        #expect(throws: CalendarValidationError.self) { try VCalendar.parse(messy, options: .strict) }
    }
}
