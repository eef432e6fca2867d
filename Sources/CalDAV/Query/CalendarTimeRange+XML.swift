public import DAVCore
public import DAVXML

extension CalendarTimeRange {
    /// Decodes the `start` / `end` attributes of a CALDAV:time-range, expand, limit-recurrence-set or
    /// limit-freebusy-set element (RFC 4791 §9.9, §9.6.5–§9.6.7).
    ///
    /// - Parameters:
    ///   - requiringBoth: true for the calendar-data elements and free-busy-query, whose DTDs require both.
    ///   - failure: makes the error for a bad element, e.g. `CALDAV:valid-filter` inside a filter.
    /// - Throws: the error `failure` makes when a value is not a UTC DATE-TIME, both are missing, a required
    ///   one is missing, or the end is not after the start.
    public static func decode(
        _ element: XMLTree,
        requiringBoth: Bool = false,
        failure: (String) -> DAVError
    ) throws(DAVError) -> CalendarTimeRange {
        func value(_ name: String) throws(DAVError) -> Int64? {
            guard let text = element.attributes[XMLName("", name)] else { return nil }
            guard let seconds = parseUTC(text) else {
                throw failure(
                    "\(element.name.localName) \(name)=\"\(text)\" is not a UTC date-time like 20060104T000000Z."
                )
            }
            return seconds
        }
        let range = CalendarTimeRange(start: try value("start"), end: try value("end"))
        if range.start == nil && range.end == nil {
            throw failure("\(element.name.localName) needs a start or an end attribute.")
        }
        if requiringBoth && (range.start == nil || range.end == nil) {
            throw failure("\(element.name.localName) needs both start and end attributes.")
        }
        if let start = range.start, let end = range.end, end <= start {
            throw failure("\(element.name.localName) ends before it starts.")
        }
        return range
    }
}
