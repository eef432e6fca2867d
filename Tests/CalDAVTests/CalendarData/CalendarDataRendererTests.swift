import CalDAV
import Foundation
import ICalendarFormat
import MIMEDir
import Recurrence
import Testing

@Suite("calendar-data rendering (RFC 4791 §9.6)")
struct CalendarDataRendererTests {
    static let weekly =
        QueryTestSupport.berlin + """

            BEGIN:VEVENT
            UID:weekly
            DTSTAMP:20260101T000000Z
            DTSTART;TZID=Europe/Berlin:20260323T100000
            DTEND;TZID=Europe/Berlin:20260323T103000
            RRULE:FREQ=WEEKLY;COUNT=3
            SUMMARY:Standup
            END:VEVENT
            """

    static func range(_ start: String, _ end: String) -> CalendarTimeRange {
        CalendarTimeRange(start: CalendarTimeRange.parseUTC(start), end: CalendarTimeRange.parseUTC(end))
    }

    @Test("expand returns each instance in UTC with RECURRENCE-ID, no RRULE and no VTIMEZONE, across DST")
    func expandWritesInstancesInUTC() throws {
        let calendar = try QueryTestSupport.calendar(Self.weekly)
        let request = CalendarDataRequest(expand: Self.range("20260320T000000Z", "20260405T000000Z"))
        let output = try VCalendar.parse(try CalendarDataRenderer.render(calendar, request: request))
        #expect(output.timeZones.isEmpty)
        let events = output.events
        #expect(events.map { $0.component.property("DTSTART")?.value } == ["20260323T090000Z", "20260330T080000Z"])
        #expect(events.map { $0.component.property("DTEND")?.value } == ["20260323T093000Z", "20260330T083000Z"])
        #expect(
            events.map { $0.component.property("RECURRENCE-ID")?.value } == ["20260323T090000Z", "20260330T080000Z"]
        )
        #expect(
            events.allSatisfy {
                $0.component.property("RRULE") == nil && $0.component.property("DTSTART")?.parameterValue("TZID") == nil
            }
        )
    }

    @Test("expand keeps all-day instances as DATE values")
    func expandKeepsAllDayDates() throws {
        let calendar = try QueryTestSupport.event("DTSTART;VALUE=DATE:20260310\nRRULE:FREQ=DAILY;COUNT=5")
        let request = CalendarDataRequest(expand: Self.range("20260311T000000Z", "20260313T000000Z"))
        let output = try VCalendar.parse(try CalendarDataRenderer.render(calendar, request: request))
        #expect(output.events.map { $0.component.property("DTSTART")?.value } == ["20260311", "20260312"])
        #expect(
            output.events.map { $0.component.property("RECURRENCE-ID")?.parameterValue("VALUE") } == ["DATE", "DATE"]
        )
    }

    @Test("Partial retrieval keeps only the selected properties; novalue keeps the name with an empty value")
    func partialRetrievalKeepsSelectedProperties() throws {
        let calendar = try QueryTestSupport.calendar(Self.weekly)
        let selection = ComponentSelection(
            name: "VCALENDAR",
            properties: .named([MIMEDir.PropertySelection(name: "VERSION")]),
            components: .named([
                ComponentSelection(
                    name: "VEVENT",
                    properties: .named([
                        MIMEDir.PropertySelection(name: "UID"),
                        MIMEDir.PropertySelection(name: "SUMMARY", noValue: true),
                    ])
                )
            ])
        )
        let output = try VCalendar.parse(
            try CalendarDataRenderer.render(calendar, request: CalendarDataRequest(selection: selection))
        )
        #expect(output.component.properties.map(\.name) == ["VERSION"])
        #expect(output.timeZones.isEmpty)
        #expect(output.events.first?.component.properties.map(\.name) == ["UID", "SUMMARY"])
        #expect(output.events.first?.component.property("SUMMARY")?.value == "")
    }

    @Test("content-type application/calendar+json returns jCal (RFC 7265)")
    func jCalOutputIsJSON() throws {
        let stored = Array(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:20260310T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
                .utf8
        )
        let output = try CalendarDataRenderer.render(stored, request: CalendarDataRequest(format: .jcal))
        let json = try JSONSerialization.jsonObject(with: Data(output)) as? [Any]
        #expect(json?.first as? String == "vcalendar")
    }

    @Test("limit-recurrence-set drops overrides that neither start nor were originally in the range")
    func limitRecurrenceSetDropsUnaffectedOverrides() throws {
        let calendar = try QueryTestSupport.calendar(CalendarFilterTimeRangeTests.movedInstance)
        let outside = CalendarDataRequest(limitRecurrenceSet: Self.range("20260316T000000Z", "20260317T000000Z"))
        let original = CalendarDataRequest(limitRecurrenceSet: Self.range("20260309T000000Z", "20260310T000000Z"))
        #expect(try VCalendar.parse(try CalendarDataRenderer.render(calendar, request: outside)).events.count == 1)
        #expect(try VCalendar.parse(try CalendarDataRenderer.render(calendar, request: original)).events.count == 2)
    }

    @Test("expand past the instance limit fails CALDAV:max-instances")
    func expandPastTheLimitFails() throws {
        let calendar = try QueryTestSupport.event("DTSTART:20260101T000000Z\nRRULE:FREQ=MINUTELY")
        let request = CalendarDataRequest(expand: Self.range("20260101T000000Z", "20260201T000000Z"))
        #expect(throws: (any Error).self) {
            try CalendarDataRenderer.render(calendar, request: request, limits: ExpansionLimits(maxInstances: 1000))
        }
    }
}
