import CalDAV
import ICalendarFormat
import Testing

@Suite("CALDAV:filter component, property and parameter tests (RFC 4791 §9.7)")
struct CalendarFilterTextTests {
    static let meeting = """
        SUMMARY:Team Meeting
        DTSTART:20260310T100000Z
        ATTENDEE;PARTSTAT=ACCEPTED:mailto:ann@example.com
        ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:bob@example.com
        BEGIN:VALARM
        ACTION:DISPLAY
        DESCRIPTION:Soon
        TRIGGER:-PT15M
        END:VALARM
        """

    func summaryMatch(_ textMatch: String) throws -> Bool {
        let filter = try QueryTestSupport.filter(
            "<C:comp-filter name=\"VEVENT\"><C:prop-filter name=\"SUMMARY\">\(textMatch)</C:prop-filter></C:comp-filter>"
        )
        return filter.matches(try QueryTestSupport.event(Self.meeting))
    }

    @Test("text-match defaults to i;ascii-casemap substring matching")
    func textMatchDefaultsToCaseInsensitiveSubstring() throws {
        #expect(try summaryMatch("<C:text-match>meeting</C:text-match>"))
        #expect(try !summaryMatch("<C:text-match>lunch</C:text-match>"))
    }

    @Test("text-match with i;octet is case-sensitive")
    func octetTextMatchIsCaseSensitive() throws {
        #expect(try !summaryMatch("<C:text-match collation=\"i;octet\">meeting</C:text-match>"))
        #expect(try summaryMatch("<C:text-match collation=\"i;octet\">Meeting</C:text-match>"))
    }

    @Test("negate-condition matches when the text is absent")
    func negatedTextMatchMatchesWhenTextIsAbsent() throws {
        #expect(try summaryMatch("<C:text-match negate-condition=\"yes\">lunch</C:text-match>"))
        #expect(try !summaryMatch("<C:text-match negate-condition=\"yes\">team</C:text-match>"))
    }

    @Test("is-not-defined on a property matches only when the property is absent")
    func propertyIsNotDefinedMatchesAbsentProperty() throws {
        let event = try QueryTestSupport.event(Self.meeting)
        let noLocation =
            "<C:comp-filter name=\"VEVENT\"><C:prop-filter name=\"LOCATION\"><C:is-not-defined/></C:prop-filter></C:comp-filter>"
        let noSummary =
            "<C:comp-filter name=\"VEVENT\"><C:prop-filter name=\"SUMMARY\"><C:is-not-defined/></C:prop-filter></C:comp-filter>"
        #expect(try QueryTestSupport.filter(noLocation).matches(event))
        #expect(try !QueryTestSupport.filter(noSummary).matches(event))
    }

    @Test("Nested comp-filters: a VEVENT holding a VALARM, and is-not-defined on a sub-component")
    func nestedCompFiltersReachSubComponents() throws {
        let withAlarm = try QueryTestSupport.event(Self.meeting)
        let withoutAlarm = try QueryTestSupport.event("SUMMARY:Plain\nDTSTART:20260310T100000Z")
        let hasAlarm = try QueryTestSupport.filter(
            "<C:comp-filter name=\"VEVENT\"><C:comp-filter name=\"VALARM\"/></C:comp-filter>"
        )
        let lacksAlarm = try QueryTestSupport.filter(
            "<C:comp-filter name=\"VEVENT\"><C:comp-filter name=\"VALARM\"><C:is-not-defined/></C:comp-filter></C:comp-filter>"
        )
        #expect(hasAlarm.matches(withAlarm) && !hasAlarm.matches(withoutAlarm))
        #expect(lacksAlarm.matches(withoutAlarm) && !lacksAlarm.matches(withAlarm))
        let noTodo = try QueryTestSupport.filter("<C:comp-filter name=\"VTODO\"><C:is-not-defined/></C:comp-filter>")
        #expect(noTodo.matches(withAlarm))
    }

    @Test("param-filter PARTSTAT and the property text-match must hold on the same ATTENDEE")
    func paramFilterAppliesToTheSameProperty() throws {
        let event = try QueryTestSupport.event(Self.meeting)
        func attendee(_ who: String, _ partstat: String) throws -> Bool {
            try QueryTestSupport.filter(
                """
                <C:comp-filter name="VEVENT"><C:prop-filter name="ATTENDEE">
                <C:text-match>\(who)</C:text-match>
                <C:param-filter name="PARTSTAT"><C:text-match>\(partstat)</C:text-match></C:param-filter>
                </C:prop-filter></C:comp-filter>
                """
            ).matches(event)
        }
        #expect(try attendee("bob", "NEEDS-ACTION"))
        #expect(try attendee("ann", "accepted"))
        #expect(try !attendee("ann", "NEEDS-ACTION"))
    }

    @Test("param-filter is-not-defined matches a property without that parameter")
    func paramIsNotDefinedMatchesPropertyWithoutParameter() throws {
        let event = try QueryTestSupport.event(Self.meeting)
        let filter = try QueryTestSupport.filter(
            """
            <C:comp-filter name="VEVENT"><C:prop-filter name="ATTENDEE"><C:text-match>ann</C:text-match>
            <C:param-filter name="RSVP"><C:is-not-defined/></C:param-filter></C:prop-filter></C:comp-filter>
            """
        )
        #expect(filter.matches(event))
    }

    @Test("time-range on a property tests its DATE-TIME value as an instant (RFC 4791 §9.9)")
    func propertyTimeRangeTestsTheValue() throws {
        let event = try QueryTestSupport.event(Self.meeting)
        func stamped(_ start: String, _ end: String) throws -> Bool {
            try QueryTestSupport.filter(
                """
                <C:comp-filter name="VEVENT"><C:prop-filter name="DTSTAMP">
                <C:time-range start="\(start)" end="\(end)"/></C:prop-filter></C:comp-filter>
                """
            ).matches(event)
        }
        #expect(try stamped("20260101T000000Z", "20260101T000001Z"))
        #expect(try !stamped("20260101T000001Z", "20260102T000000Z"))
        #expect(try !stamped("20251231T000000Z", "20260101T000000Z"))
    }
}
