import CalDAV
import DAVCore
import DAVXML
import ICalendarFormat
import MIMEDir
import Recurrence
import Testing

@Suite("calendar-query body decoding and its preconditions (RFC 4791 §7.8, §9.5–§9.9)")
struct CalendarQueryDecodingTests {
    static func decode(_ filterBody: String, extra: String = "") throws -> CalendarQuery {
        let xml = """
            <C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
            <D:prop><D:getetag/></D:prop><C:filter>\(filterBody)</C:filter>\(extra)</C:calendar-query>
            """
        return try CalendarQuery.decode(try XMLReader().parse(Array(xml.utf8)))
    }

    static func condition(of body: String, extra: String = "") -> String? {
        do {
            _ = try decode(body, extra: extra)
            return nil
        } catch let error as DAVError {
            let status = String(error.description.prefix(3))
            return error.condition.map { "\($0.name) \(status)" } ?? status
        } catch {
            return "\(error)"
        }
    }

    @Test("The RFC 4791 §7.8.1 example decodes to a VEVENT time-range under VCALENDAR")
    func timeRangeExampleDecodes() throws {
        let query = try CalendarQuery.decode(try RFC4791Fixtures.request("7.8.1"))
        let event = try #require(query.filter.root.compFilters.first)
        #expect(query.filter.root.name == "VCALENDAR")
        #expect(event.name == "VEVENT")
        #expect(event.timeRange == CalendarTimeRange(start: 1_136_332_800, end: 1_136_419_200))
        #expect(query.properties == .properties([.dav("getetag"), CalDAVElements.calendarData]))
        #expect(query.calendarData?.selection?.name == "VCALENDAR")
    }

    @Test("A top-level comp-filter other than VCALENDAR is not a valid filter")
    func topCompFilterMustBeVCalendar() {
        #expect(Self.condition(of: "<C:comp-filter name=\"VEVENT\"/>") == "valid-filter 403")
    }

    @Test("A time-range with neither start nor end is not a valid filter")
    func timeRangeNeedsStartOrEnd() {
        let body =
            "<C:comp-filter name=\"VCALENDAR\"><C:comp-filter name=\"VEVENT\"><C:time-range/></C:comp-filter></C:comp-filter>"
        #expect(Self.condition(of: body) == "valid-filter 403")
    }

    @Test("A time-range with a local (non-UTC) or malformed date is not a valid filter")
    func timeRangeNeedsUTCDates() {
        for value in ["20060104T000000", "2006-01-04", "20061304T000000Z"] {
            let body = """
                <C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT">
                <C:time-range start="\(value)"/></C:comp-filter></C:comp-filter>
                """
            #expect(Self.condition(of: body) == "valid-filter 403", "\(value)")
        }
    }

    @Test("A time-range with only an end is unbounded at the start")
    func timeRangeWithOnlyEndIsOpenAtStart() throws {
        let body =
            "<C:comp-filter name=\"VCALENDAR\"><C:comp-filter name=\"VTODO\"><C:time-range end=\"20060104T000000Z\"/></C:comp-filter></C:comp-filter>"
        let query = try Self.decode(body)
        #expect(query.filter.root.compFilters.first?.timeRange == CalendarTimeRange(start: nil, end: 1_136_332_800))
    }

    @Test("A time-range on VTIMEZONE is not a valid filter (RFC 4791 §9.9 lists the components)")
    func timeRangeOnlyOnListedComponents() {
        let body = """
            <C:comp-filter name="VCALENDAR"><C:comp-filter name="VTIMEZONE">
            <C:time-range start="20060104T000000Z"/></C:comp-filter></C:comp-filter>
            """
        #expect(Self.condition(of: body) == "valid-filter 403")
    }

    @Test("is-not-defined combined with another test is not a valid filter")
    func isNotDefinedStandsAlone() {
        let body = """
            <C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT"><C:prop-filter name="SUMMARY">
            <C:is-not-defined/><C:text-match>x</C:text-match></C:prop-filter></C:comp-filter></C:comp-filter>
            """
        #expect(Self.condition(of: body) == "valid-filter 403")
    }

    @Test("An unknown collation fails CALDAV:supported-collation")
    func unknownCollationFailsSupportedCollation() {
        let body = """
            <C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT"><C:prop-filter name="SUMMARY">
            <C:text-match collation="i;basic">x</C:text-match></C:prop-filter></C:comp-filter></C:comp-filter>
            """
        #expect(Self.condition(of: body) == "supported-collation 403")
    }

    @Test("timezone-id (RFC 7809) resolves a tz database zone; an unknown one fails CALDAV:valid-timezone")
    func timeZoneIdentifierResolves() throws {
        let all = "<C:comp-filter name=\"VCALENDAR\"/>"
        let query = try Self.decode(all, extra: "<C:timezone-id>Europe/Berlin</C:timezone-id>")
        #expect(query.timeZone?.identifier == "Europe/Berlin")
        #expect(Self.condition(of: all, extra: "<C:timezone-id>Mars/Olympus</C:timezone-id>") == "valid-timezone 403")
    }

    @Test("A CALDAV:timezone element holding a VTIMEZONE sets the query time zone")
    func timeZoneElementResolves() throws {
        let text = "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:x\n\(QueryTestSupport.berlin)\nEND:VCALENDAR\n"
        let query = try Self.decode("<C:comp-filter name=\"VCALENDAR\"/>", extra: "<C:timezone>\(text)</C:timezone>")
        #expect(query.timeZone?.identifier == "Europe/Berlin")
        #expect(query.timeZone?.zone.offset(atUTC: 1_780_000_000) == 7200)
    }

    @Test("calendar-data in an unsupported media type fails CALDAV:supported-calendar-data")
    func unsupportedCalendarDataTypeIsRefused() throws {
        let xml = """
            <C:calendar-data xmlns:C="urn:ietf:params:xml:ns:caldav" content-type="text/plain"/>
            """
        #expect(throws: DAVError.self) { try CalendarDataRequest.decode(try XMLReader().parse(Array(xml.utf8))) }
        let json = """
            <C:calendar-data xmlns:C="urn:ietf:params:xml:ns:caldav" content-type="application/calendar+json"/>
            """
        #expect(try CalendarDataRequest.decode(try XMLReader().parse(Array(json.utf8))).format == .jcal)
    }
}
