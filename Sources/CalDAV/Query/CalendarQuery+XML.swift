public import DAVCore
public import DAVXML
import Foundation

extension CalendarQuery {
    /// Decodes a `calendar-query` REPORT body (RFC 4791 §7.8, §9.5).
    ///
    /// - Throws: `DAVError` 400 for another root element or a missing filter; 403 `CALDAV:valid-filter`,
    ///   `CALDAV:supported-collation`, `CALDAV:supported-calendar-data`, `CALDAV:valid-calendar-data` or
    ///   `CALDAV:valid-timezone` as their decoders describe.
    public static func decode(_ body: XMLTree) throws(DAVError) -> CalendarQuery {
        guard body.name == CalDAVElements.calendarQuery else {
            throw CalDAVFailure.malformed("The body must be a CALDAV:calendar-query element, not \(body.name).")
        }
        guard let filter = body.child(CalDAVElements.filter) else {
            throw CalDAVFailure.malformed("CALDAV:calendar-query needs a CALDAV:filter element.")
        }
        let (properties, calendarData) = try decodeProperties(of: body)
        return CalendarQuery(
            properties: properties,
            calendarData: calendarData,
            filter: try CalendarFilter.decode(filter),
            timeZone: try QueryTimeZone.decode(in: body)
        )
    }

    /// The `DAV:allprop` / `DAV:propname` / `DAV:prop` selection of a REPORT body, and the CALDAV:calendar-data
    /// request inside `DAV:prop` (RFC 4791 §9.5, §9.10). No selection means `allprop`.
    static func decodeProperties(of body: XMLTree) throws(DAVError) -> (PropertySelection, CalendarDataRequest?) {
        if body.child(.dav("propname")) != nil { return (.propertyNames, nil) }
        guard let prop = body.child(.dav("prop")) else { return (.allProperties(include: []), nil) }
        let calendarData = try prop.child(CalDAVElements.calendarData).map { element throws(DAVError) in
            try CalendarDataRequest.decode(element)
        }
        return (.properties(prop.elements.map(\.name)), calendarData)
    }
}

extension CalendarMultiget {
    /// Decodes a `calendar-multiget` REPORT body (RFC 4791 §7.9, §9.10).
    ///
    /// - Throws: `DAVError` 400 for another root element or no `DAV:href`; the calendar-data errors of
    ///   ``CalendarDataRequest/decode(_:)``.
    public static func decode(_ body: XMLTree) throws(DAVError) -> CalendarMultiget {
        guard body.name == CalDAVElements.calendarMultiget else {
            throw CalDAVFailure.malformed("The body must be a CALDAV:calendar-multiget element, not \(body.name).")
        }
        let hrefs = body.children(named: .dav("href")).map(\.text.trimmingASCIIWhitespace)
        guard !hrefs.isEmpty, !hrefs.contains(where: \.isEmpty) else {
            throw CalDAVFailure.malformed("CALDAV:calendar-multiget needs at least one non-empty DAV:href.")
        }
        let (properties, calendarData) = try CalendarQuery.decodeProperties(of: body)
        return CalendarMultiget(properties: properties, calendarData: calendarData, hrefs: hrefs)
    }
}
