import CalDAV
import DAVCore
import DAVXML
import ICalendarFormat
import MIMEDir
import Testing

/// A component with its properties sorted by name and value, recursively: iCalendar does not order properties.
func normalized(_ component: Component) -> Component {
    var result = component
    result.properties.sort { ($0.name.uppercased(), $0.value) < ($1.name.uppercased(), $1.value) }
    result.components = component.components.map(normalized)
    return result
}

func normalized(_ bytes: [UInt8]) throws -> Component {
    normalized(try VCalendar.parse(bytes).component)
}

@Suite("RFC 4791 §7.8 calendar-data examples over the Appendix B data")
struct RFC4791CalendarDataExampleTests {
    @Test(
        "RFC 4791 §7.8.1–§7.8.4 calendar-data: partial retrieval, limit-recurrence-set, expand, limit-freebusy-set",
        arguments: [
            ("7.8.1", "abcd2"), ("7.8.1", "abcd3"), ("7.8.2", "abcd2"), ("7.8.2", "abcd3"), ("7.8.3", "abcd2"),
            ("7.8.3", "abcd3"), ("7.8.4", "abcd8"),
        ]
    )
    func exampleCalendarDataEqualsTheRFCResponse(section: String, resource: String) throws {
        let query = try CalendarQuery.decode(try RFC4791Fixtures.request(section))
        let request = try #require(query.calendarData)
        let output = try CalendarDataRenderer.render(try RFC4791Fixtures.bytes("B-\(resource).ics"), request: request)
        let expected = try RFC4791Fixtures.bytes("\(section)-response-\(resource).ics")
        #expect(try normalized(output) == normalized(expected))
    }

    @Test("An empty calendar-data element returns the stored bytes unchanged (RFC 4791 §9.6)")
    func emptyCalendarDataReturnsStoredBytes() throws {
        let stored = Array(
            "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:x\nDTSTART:20060102T100000Z\nEND:VEVENT\nEND:VCALENDAR\n"
                .utf8
        )
        let query = try CalendarQuery.decode(try RFC4791Fixtures.request("7.8.5"))
        let request = try #require(query.calendarData)
        #expect(request.returnsStoredData)
        #expect(try CalendarDataRenderer.render(stored, request: request) == stored)
    }

    @Test("RFC 4791 §7.9.1 multiget names its hrefs and asks for getetag and calendar-data")
    func multigetExampleDecodes() throws {
        let multiget = try CalendarMultiget.decode(try RFC4791Fixtures.request("7.9.1"))
        #expect(multiget.hrefs == ["/bernard/work/abcd1.ics", "/bernard/work/mtg1.ics"])
        #expect(multiget.properties == .properties([.dav("getetag"), CalDAVElements.calendarData]))
        #expect(multiget.calendarData?.returnsStoredData == true)
    }
}
