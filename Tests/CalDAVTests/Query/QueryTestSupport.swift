import CalDAV
import DAVXML
import ICalendarFormat

/// Builders for filter and calendar test inputs.
enum QueryTestSupport {
    static let berlin = """
        BEGIN:VTIMEZONE
        TZID:Europe/Berlin
        BEGIN:DAYLIGHT
        TZOFFSETFROM:+0100
        TZOFFSETTO:+0200
        TZNAME:CEST
        DTSTART:19700329T020000
        RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
        END:DAYLIGHT
        BEGIN:STANDARD
        TZOFFSETFROM:+0200
        TZOFFSETTO:+0100
        TZNAME:CET
        DTSTART:19701025T030000
        RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
        END:STANDARD
        END:VTIMEZONE
        """

    /// A VCALENDAR around `body` (components, each with BEGIN/END lines).
    static func calendar(_ body: String) throws -> VCalendar {
        try VCalendar.parse("BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//Kalends//Tests//EN\n\(body)\nEND:VCALENDAR\n")
    }

    /// A VCALENDAR holding one VEVENT with `lines` (UID given).
    static func event(_ lines: String) throws -> VCalendar {
        try calendar("BEGIN:VEVENT\nUID:event\nDTSTAMP:20260101T000000Z\n\(lines)\nEND:VEVENT")
    }

    /// A VCALENDAR holding one VTODO with `lines`.
    static func todo(_ lines: String) throws -> VCalendar {
        try calendar("BEGIN:VTODO\nUID:todo\nDTSTAMP:20260101T000000Z\n\(lines)\nEND:VTODO")
    }

    /// Decodes `<C:filter>` around the given comp-filters of VCALENDAR.
    static func filter(_ inner: String) throws -> CalendarFilter {
        let xml = """
            <C:filter xmlns:C="urn:ietf:params:xml:ns:caldav">
            <C:comp-filter name="VCALENDAR">\(inner)</C:comp-filter></C:filter>
            """
        return try CalendarFilter.decode(try XMLReader().parse(Array(xml.utf8)))
    }

    /// A VEVENT comp-filter with a time-range.
    static func eventsBetween(_ start: String, _ end: String) throws -> CalendarFilter {
        try filter("<C:comp-filter name=\"VEVENT\"><C:time-range start=\"\(start)\" end=\"\(end)\"/></C:comp-filter>")
    }

    /// A VTODO comp-filter with a time-range.
    static func todosBetween(_ start: String, _ end: String) throws -> CalendarFilter {
        try filter("<C:comp-filter name=\"VTODO\"><C:time-range start=\"\(start)\" end=\"\(end)\"/></C:comp-filter>")
    }
}
