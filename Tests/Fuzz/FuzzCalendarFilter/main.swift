import CalDAV
import DAVXML
// libFuzzer entry point for the CALDAV:filter decoder (RFC 4791 §9.7) and the filter evaluation behind
// calendar-query. Input: XML; a `calendar-query` root is decoded as the whole query, any other root as a
// CALDAV:filter. Every XMLReaderError and DAVError is fine. A decoded filter is evaluated against a recurring
// event, a task and a bounded SECONDLY bomb; a crash, a sanitizer report or a hang past the limits is a finding.
import Foundation
import FoundationXML  // linked for DAVXML: static libraries do not carry autolink entries
import ICalendarFormat
import Recurrence
import Synchronization  // linked for Recurrence, likewise

private let calendars: [VCalendar] = [
    """
    BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//fuzz//EN\r\nBEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\n\
    BEGIN:STANDARD\r\nDTSTART:19701025T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nTZOFFSETFROM:+0200\r\n\
    TZOFFSETTO:+0100\r\nEND:STANDARD\r\nBEGIN:DAYLIGHT\r\nDTSTART:19700329T020000\r\n\
    RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nEND:DAYLIGHT\r\n\
    END:VTIMEZONE\r\nBEGIN:VEVENT\r\nUID:e1\r\nDTSTAMP:20260101T000000Z\r\n\
    DTSTART;TZID=Europe/Berlin:20260105T100000\r\nDURATION:PT1H\r\nRRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=50\r\n\
    SUMMARY:Weekly sync\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:bob@example.com\r\nCATEGORIES:WORK,TEAM\r\n\
    BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT15M\r\nDESCRIPTION:Soon\r\nEND:VALARM\r\nEND:VEVENT\r\n\
    BEGIN:VEVENT\r\nUID:e1\r\nDTSTAMP:20260101T000000Z\r\nRECURRENCE-ID;TZID=Europe/Berlin:20260107T100000\r\n\
    DTSTART;TZID=Europe/Berlin:20260107T140000\r\nDURATION:PT2H\r\nSUMMARY:Moved\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n
    """,
    """
    BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//fuzz//EN\r\nBEGIN:VTODO\r\nUID:t1\r\nDTSTAMP:20260101T000000Z\r\n\
    DUE;VALUE=DATE:20260301\r\nSTATUS:NEEDS-ACTION\r\nSUMMARY:Taxes\r\nEND:VTODO\r\nEND:VCALENDAR\r\n
    """,
    """
    BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//fuzz//EN\r\nBEGIN:VEVENT\r\nUID:b1\r\nDTSTAMP:20260101T000000Z\r\n\
    DTSTART:20260101T000000Z\r\nDURATION:PT1S\r\nRRULE:FREQ=SECONDLY;BYSETPOS=1,-1\r\nSUMMARY:Bomb\r\n\
    END:VEVENT\r\nEND:VCALENDAR\r\n
    """,
].compactMap { try? VCalendar.parse($0) }

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCalendarFilter(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let tree = try? XMLReader().parse(bytes) else { return 0 }
    let filter: CalendarFilter
    if tree.name.localName == "calendar-query" {
        guard let query = try? CalendarQuery.decode(tree) else { return 0 }
        filter = query.filter
    } else {
        guard let decoded = try? CalendarFilter.decode(tree) else { return 0 }
        filter = decoded
    }
    var limits = ExpansionLimits.default
    limits.maxInstances = 2_000
    limits.maxEmptyIterations = 2_000
    for calendar in calendars { _ = filter.matches(calendar, limits: limits) }
    return 0
}
