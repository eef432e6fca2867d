public import DAVCore
public import DAVXML

/// A decoded `REPORT free-busy-query` body (RFC 4791 §7.10): the time range to report busy time for.
public struct FreeBusyQuery: Sendable, Hashable {
    /// The range, start and end both present.
    public var timeRange: CalendarTimeRange

    /// Creates a query (RFC 4791 §7.10).
    public init(timeRange: CalendarTimeRange) {
        self.timeRange = timeRange
    }

    /// Decodes a `free-busy-query` body (RFC 4791 §7.10, §9.9).
    ///
    /// - Throws: `DAVError` 400 for another root element, a missing time-range, a range without both start
    ///   and end, a value that is not a UTC date-time, or an end not after the start.
    public static func decode(_ body: XMLTree) throws(DAVError) -> FreeBusyQuery {
        guard body.name == CalDAVElements.freeBusyQuery else {
            throw CalDAVFailure.malformed("The body must be a CALDAV:free-busy-query element, not \(body.name).")
        }
        guard let element = body.child(CalDAVElements.timeRange) else {
            throw CalDAVFailure.malformed("CALDAV:free-busy-query needs a CALDAV:time-range element.")
        }
        let range = try CalendarTimeRange.decode(element, requiringBoth: true, failure: CalDAVFailure.malformed)
        return FreeBusyQuery(timeRange: range)
    }
}
