/// The output formats of `kalends ical convert` for calendar data (RFC 5545, RFC 7265, RFC 6321).
public enum CalendarOutputFormat: String, Sendable, Hashable, CaseIterable {
    /// iCalendar text (RFC 5545), re-serialized: CRLF, folded at 75 octets.
    case ical
    /// jCal JSON (RFC 7265).
    case jcal
    /// xCal XML (RFC 6321).
    case xcal

    /// The media type for CalDAV `calendar-data` content negotiation (RFC 4791 §9.6, RFC 7265 §8, RFC 6321 §7).
    public var mediaType: String {
        switch self {
        case .ical: "text/calendar; charset=utf-8"
        case .jcal: "application/calendar+json"
        case .xcal: "application/calendar+xml"
        }
    }
}
