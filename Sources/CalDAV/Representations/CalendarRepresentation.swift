public import DAVCore
public import HTTPWire
import ICalendarFormat

/// jCal (RFC 7265) and xCal (RFC 6321) forms of a stored calendar object for GET with `Accept`, the formats
/// `supported-calendar-data` lists, and time zones by reference (RFC 7809); iCalendar stays the stored form.
public struct CalendarRepresentation: AlternateRepresentation {
    /// Creates the representation.
    public init() {}

    /// `text/calendar`.
    public var storedMediaType: String { "text/calendar" }

    /// The first acceptable form in the client's order of preference, with VTIMEZONEs added or omitted as
    /// `CalDAV-Timezones` asks (RFC 7809 §3.1.2); nil for the stored iCalendar.
    public func representation(of stored: [UInt8], for headers: HTTPHeaders) throws -> (
        bytes: [UInt8], mediaType: String
    )? {
        let timeZones = TimeZonesByReference.preference(headers)
        let format = Self.format(for: headers)
        guard format != nil || timeZones != nil else { return nil }
        let calendar: VCalendar
        do {
            calendar = try VCalendar.parse(stored)
        } catch {
            throw DAVError(.internalServerError, "The stored calendar object cannot be converted: \(error.message)")
        }
        let result = timeZones.map { TimeZonesByReference.apply($0, to: calendar) } ?? calendar
        let output = format ?? .ical
        return (CalendarConverter.render(result, as: output), output.mediaType)
    }

    /// The alternate format the `Accept` header prefers; nil when iCalendar comes first or nothing is offered.
    private static func format(for headers: HTTPHeaders) -> CalendarOutputFormat? {
        guard headers["Accept"] != nil else { return nil }
        for range in AcceptedMediaType.parse(headers) {
            switch range.mediaType {
            case "text/calendar", "text/*", "*/*": return nil
            case "application/calendar+json": return .jcal
            case "application/calendar+xml": return .xcal
            default: continue
            }
        }
        return nil
    }
}
