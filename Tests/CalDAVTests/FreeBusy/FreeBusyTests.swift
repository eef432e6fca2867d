import CalDAV
import DAVXML
import Foundation
import ICalendarFormat
import MIMEDir
import Testing

@Suite("CALDAV:free-busy-query (RFC 4791 §7.10)")
struct FreeBusyTests {
    static func seconds(_ text: String) -> Int64 {
        CalendarTimeRange.parseUTC(text) ?? 0
    }

    static func event(_ lines: String) throws -> VCalendar {
        try VCalendar.parse(
            "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:t\nBEGIN:VEVENT\nUID:u\n\(lines)\nEND:VEVENT\nEND:VCALENDAR\n"
        )
    }

    @Test("RFC 4791 §7.10.1 example: busy time of the Appendix B data, merged, typed and sorted")
    func freeBusyExampleReportsTheAppendixBBusyTime() throws {
        let query = try FreeBusyQuery.decode(try RFC4791Fixtures.request("7.10.1"))
        #expect(
            query.timeRange
                == CalendarTimeRange(start: Self.seconds("20060104T140000Z"), end: Self.seconds("20060105T220000Z"))
        )
        let calendars = try RFC4791Fixtures.appendixB().map { try VCalendar.parse($0.bytes) }
        let body = try FreeBusyCalculator.report(
            for: calendars,
            range: query.timeRange,
            stamp: Self.seconds("20060206T001121Z"),
            productID: "-//Example Corp.//CalDAV Server//EN"
        )
        let expected = """
            BEGIN:VCALENDAR
            VERSION:2.0
            PRODID:-//Example Corp.//CalDAV Server//EN
            BEGIN:VFREEBUSY
            DTSTAMP:20060206T001121Z
            DTSTART:20060104T140000Z
            DTEND:20060105T220000Z
            FREEBUSY;FBTYPE=BUSY-TENTATIVE:20060104T150000Z/20060104T160000Z
            FREEBUSY:20060104T190000Z/20060104T200000Z
            FREEBUSY;FBTYPE=BUSY-UNAVAILABLE:20060105T100000Z/20060105T120000Z
            FREEBUSY:20060105T170000Z/20060105T180000Z
            END:VFREEBUSY
            END:VCALENDAR

            """
        #expect(String(decoding: body, as: UTF8.self) == expected.replacingOccurrences(of: "\n", with: "\r\n"))
    }

    @Test("Overlapping and touching busy intervals of one type merge; other types stay apart")
    func overlappingIntervalsOfOneTypeMerge() {
        let merged = BusyInterval.merged([
            BusyInterval(type: "BUSY", start: 10, end: 20),
            BusyInterval(type: "BUSY-TENTATIVE", start: 12, end: 14),
            BusyInterval(type: "BUSY", start: 20, end: 25),
            BusyInterval(type: "BUSY", start: 15, end: 18),
            BusyInterval(type: "BUSY", start: 30, end: 31),
        ])
        #expect(
            merged == [
                BusyInterval(type: "BUSY", start: 10, end: 25),
                BusyInterval(type: "BUSY-TENTATIVE", start: 12, end: 14),
                BusyInterval(type: "BUSY", start: 30, end: 31),
            ]
        )
    }

    @Test("Busy time is clipped to the query range")
    func busyTimeIsClippedToTheRange() throws {
        let calendar = try Self.event("DTSTART:20060104T100000Z\nDTEND:20060104T180000Z")
        let range = CalendarTimeRange(start: Self.seconds("20060104T120000Z"), end: Self.seconds("20060104T140000Z"))
        let intervals = try FreeBusyCalculator.busyIntervals(in: calendar, range: range)
        #expect(intervals == [BusyInterval(type: "BUSY", start: range.start ?? 0, end: range.end ?? 0)])
    }

    @Test("Cancelled and transparent events take no time; tentative ones are BUSY-TENTATIVE")
    func cancelledAndTransparentEventsAreFree() throws {
        let range = CalendarTimeRange(start: Self.seconds("20060104T000000Z"), end: Self.seconds("20060105T000000Z"))
        let times = "DTSTART:20060104T100000Z\nDTEND:20060104T110000Z"
        #expect(
            try FreeBusyCalculator.busyIntervals(in: Self.event(times + "\nSTATUS:CANCELLED"), range: range).isEmpty
        )
        #expect(
            try FreeBusyCalculator.busyIntervals(in: Self.event(times + "\nTRANSP:TRANSPARENT"), range: range).isEmpty
        )
        let tentative = try FreeBusyCalculator.busyIntervals(in: Self.event(times + "\nSTATUS:TENTATIVE"), range: range)
        #expect(tentative.map(\.type) == ["BUSY-TENTATIVE"])
    }

    @Test("A free-busy-query without an end is refused with 400")
    func freeBusyQueryWithoutEndIsRefused() throws {
        let body = try XMLReader().parse(
            Array(
                """
                <C:free-busy-query xmlns:C="urn:ietf:params:xml:ns:caldav">
                <C:time-range start="20060104T140000Z"/></C:free-busy-query>
                """.utf8
            )
        )
        #expect(throws: (any Error).self) { try FreeBusyQuery.decode(body) }
    }
}
