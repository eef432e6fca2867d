import CalDAV
import DAVXML
import Testing

@Test func calDAVElementsLiveInTheCalDAVNamespace() {
    #expect(CalDAVElements.calendarQuery == XMLName("urn:ietf:params:xml:ns:caldav", "calendar-query"))
}
