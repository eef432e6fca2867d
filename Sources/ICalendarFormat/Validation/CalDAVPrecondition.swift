/// The CalDAV precondition a rejected calendar object violates (RFC 4791 §5.3.2.1, §9.1).
public enum CalDAVPrecondition: String, Sendable, Hashable, CaseIterable {
    /// `CALDAV:valid-calendar-data`: not valid iCalendar.
    case validCalendarData = "valid-calendar-data"
    /// `CALDAV:valid-calendar-object-resource`: valid iCalendar but breaks RFC 4791 §4.1 resource rules.
    case validCalendarObjectResource = "valid-calendar-object-resource"
    /// `CALDAV:supported-calendar-component`: a component type the collection does not accept.
    case supportedCalendarComponent = "supported-calendar-component"
}
