public import DAVCore
public import ICalendarFormat
import MIMEDir
public import Recurrence

/// Produces the content of a CALDAV:calendar-data property for one calendar object resource (RFC 4791 §9.6):
/// the stored bytes when nothing is asked beyond them, otherwise the object reduced by limit-freebusy-set
/// (§9.6.7), expanded (§9.6.5) or limited to the overrides affecting a range (§9.6.6), then reduced to the
/// requested components and properties (§9.6.1–§9.6.4), in the requested format.
public enum CalendarDataRenderer {
    /// The calendar-data bytes for stored iCalendar `stored` (RFC 4791 §9.6). When
    /// ``CalendarDataRequest/returnsStoredData`` holds, `stored` comes back unchanged, byte for byte; a plain
    /// iCalendar `expand` is written from the stored lines without parsing the object
    /// (``expandStored(_:to:floatingZone:limits:)``).
    ///
    /// - Parameters:
    ///   - floatingZone: reads floating and DATE values when expanding (the query's or collection's time zone).
    ///   - limits: caps expansion (RFC 4791 §5.2.7).
    /// - Throws: 500 when the stored object no longer parses; 403 `CALDAV:max-instances` when an expansion
    ///   passes `limits.maxInstances`.
    public static func render(
        _ stored: [UInt8],
        request: CalendarDataRequest,
        floatingZone: ResolvedTimeZone = .utc,
        limits: ExpansionLimits = .default
    ) throws(DAVError) -> [UInt8] {
        if request.returnsStoredData { return stored }
        if let range = request.expand, request.format == .ical, request.selection == nil,
            request.limitFreeBusySet == nil,
            let expanded = try expandStored(stored, to: range, floatingZone: floatingZone, limits: limits)
        {
            return expanded
        }
        let calendar: VCalendar
        do {
            calendar = try VCalendar.parse(stored)
        } catch {
            throw CalDAVFailure.unparsableStoredData(error)
        }
        return try render(calendar, request: request, floatingZone: floatingZone, limits: limits)
    }

    /// The calendar-data bytes for a parsed object, always re-serialised (RFC 4791 §9.6).
    public static func render(
        _ calendar: VCalendar,
        request: CalendarDataRequest,
        floatingZone: ResolvedTimeZone = .utc,
        limits: ExpansionLimits = .default
    ) throws(DAVError) -> [UInt8] {
        var result = calendar
        if let range = request.limitFreeBusySet { result = limitFreeBusySet(result, to: range) }
        if let range = request.expand {
            result = try expand(result, to: range, floatingZone: floatingZone, limits: limits)
        } else if let range = request.limitRecurrenceSet {
            result = limitRecurrenceSet(result, to: range, floatingZone: floatingZone, limits: limits)
        }
        if let selection = request.selection { result = result.selecting(selection) }
        return CalendarConverter.render(result, as: request.format)
    }
}
