public import DAVCore

/// A decoded `REPORT calendar-query` body (RFC 4791 §7.8, §9.5): what to return for each match, the filter,
/// and the time zone for floating times. Decoding lives in `CalendarQuery+XML.swift`.
public struct CalendarQuery: Sendable {
    /// The requested properties (`DAV:prop`, `DAV:allprop` or `DAV:propname`); `calendar-data` is among the
    /// names when asked for.
    public var properties: PropertySelection
    /// The `calendar-data` request inside `DAV:prop`, if any (RFC 4791 §9.6).
    public var calendarData: CalendarDataRequest?
    /// The filter (RFC 4791 §9.7).
    public var filter: CalendarFilter
    /// The CALDAV:timezone / timezone-id of the request, if any (RFC 4791 §9.8, RFC 7809 §5.2).
    public var timeZone: QueryTimeZone?

    /// Creates a query (RFC 4791 §7.8).
    public init(
        properties: PropertySelection,
        calendarData: CalendarDataRequest? = nil,
        filter: CalendarFilter,
        timeZone: QueryTimeZone? = nil
    ) {
        self.properties = properties
        self.calendarData = calendarData
        self.filter = filter
        self.timeZone = timeZone
    }
}

/// A decoded `REPORT calendar-multiget` body (RFC 4791 §7.9, §9.10): properties to return for listed hrefs.
public struct CalendarMultiget: Sendable {
    /// The requested properties.
    public var properties: PropertySelection
    /// The `calendar-data` request inside `DAV:prop`, if any (RFC 4791 §9.6).
    public var calendarData: CalendarDataRequest?
    /// The `DAV:href` values in request order, trimmed, not yet resolved against the request URI.
    public var hrefs: [String]

    /// Creates a multiget (RFC 4791 §7.9).
    public init(properties: PropertySelection, calendarData: CalendarDataRequest? = nil, hrefs: [String]) {
        self.properties = properties
        self.calendarData = calendarData
        self.hrefs = hrefs
    }
}
