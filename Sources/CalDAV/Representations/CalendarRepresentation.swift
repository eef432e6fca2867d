public import DAVCore
import HTTPWire
import ICalendarFormat

/// jCal (RFC 7265) and xCal (RFC 6321) forms of a stored calendar object for GET with `Accept`, the formats
/// `supported-calendar-data` lists; iCalendar stays the stored form.
public struct CalendarRepresentation: AlternateRepresentation {
    /// Creates the representation.
    public init() {}

    /// `text/calendar`.
    public var storedMediaType: String { "text/calendar" }

    /// The first acceptable form in the client's order of preference; nil for iCalendar.
    public func representation(of stored: [UInt8], accepting accepted: [AcceptedMediaType]) throws -> (
        bytes: [UInt8], mediaType: String
    )? {
        for range in accepted {
            let format: CalendarOutputFormat
            switch range.mediaType {
            case "text/calendar", "text/*", "*/*": return nil
            case "application/calendar+json": format = .jcal
            case "application/calendar+xml": format = .xcal
            default: continue
            }
            do {
                return (try CalendarConverter.convert(stored, to: format), format.mediaType)
            } catch {
                throw DAVError(.internalServerError, "The stored calendar object cannot be converted: \(error.message)")
            }
        }
        return nil
    }
}
