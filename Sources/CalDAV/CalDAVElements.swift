public import DAVXML

/// Element and property names of the CalDAV namespace (RFC 4791 §14, §9), spelled once.
public enum CalDAVElements {
    /// A name in the `urn:ietf:params:xml:ns:caldav` namespace.
    public static func named(_ localName: String) -> XMLName { XMLName(Namespaces.calDAV, localName) }

    /// `calendar` resource type (RFC 4791 §4.2).
    public static let calendar = named("calendar")
    /// `calendar-data` (RFC 4791 §9.6).
    public static let calendarData = named("calendar-data")
    /// `filter` (RFC 4791 §9.7).
    public static let filter = named("filter")
    /// `comp-filter` (RFC 4791 §9.7.1).
    public static let compFilter = named("comp-filter")
    /// `prop-filter` (RFC 4791 §9.7.2).
    public static let propFilter = named("prop-filter")
    /// `param-filter` (RFC 4791 §9.7.3).
    public static let paramFilter = named("param-filter")
    /// `is-not-defined` (RFC 4791 §9.7.4).
    public static let isNotDefined = named("is-not-defined")
    /// `text-match` (RFC 4791 §9.7.5).
    public static let textMatch = named("text-match")
    /// `time-range` (RFC 4791 §9.9).
    public static let timeRange = named("time-range")
    /// `calendar-query` report (RFC 4791 §7.8).
    public static let calendarQuery = named("calendar-query")
    /// `calendar-multiget` report (RFC 4791 §7.9).
    public static let calendarMultiget = named("calendar-multiget")
    /// `free-busy-query` report (RFC 4791 §7.10).
    public static let freeBusyQuery = named("free-busy-query")
}
