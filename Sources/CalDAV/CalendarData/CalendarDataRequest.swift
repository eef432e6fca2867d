public import ICalendarFormat
public import MIMEDir

/// What a CALDAV:calendar-data element inside `DAV:prop` asks for (RFC 4791 §9.6): the media type, a
/// component/property selection (§9.6.1–§9.6.4), and at most one of expand (§9.6.5) or
/// limit-recurrence-set (§9.6.6), plus limit-freebusy-set (§9.6.7).
public struct CalendarDataRequest: Sendable, Hashable {
    /// The output format from the `content-type` attribute: iCalendar (default), jCal (RFC 7265) or xCal
    /// (RFC 6321).
    public var format: CalendarOutputFormat
    /// The `comp` / `prop` selection rooted at VCALENDAR; nil returns every component and property.
    public var selection: ComponentSelection?
    /// `expand`: return each instance in the range as its own component, in UTC (RFC 4791 §9.6.5).
    public var expand: CalendarTimeRange?
    /// `limit-recurrence-set`: keep the master and the overrides that affect the range (RFC 4791 §9.6.6).
    public var limitRecurrenceSet: CalendarTimeRange?
    /// `limit-freebusy-set`: keep only FREEBUSY periods that overlap the range (RFC 4791 §9.6.7).
    public var limitFreeBusySet: CalendarTimeRange?

    /// Creates a request; the defaults return the stored object unchanged (RFC 4791 §9.6).
    public init(
        format: CalendarOutputFormat = .ical,
        selection: ComponentSelection? = nil,
        expand: CalendarTimeRange? = nil,
        limitRecurrenceSet: CalendarTimeRange? = nil,
        limitFreeBusySet: CalendarTimeRange? = nil
    ) {
        self.format = format
        self.selection = selection
        self.expand = expand
        self.limitRecurrenceSet = limitRecurrenceSet
        self.limitFreeBusySet = limitFreeBusySet
    }

    /// Whether the stored bytes can be returned as they are: iCalendar with no selection and no range.
    public var returnsStoredData: Bool {
        format == .ical && selection == nil && expand == nil && limitRecurrenceSet == nil && limitFreeBusySet == nil
    }
}
