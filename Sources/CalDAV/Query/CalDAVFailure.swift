import DAVCore
import DAVXML
import HTTPWire
import ICalendarFormat

/// The CalDAV request errors of the query engine, as `DAVError`s carrying their precondition
/// (RFC 4791 §1.3: preconditions fail with 403 and the condition element).
enum CalDAVFailure {
    /// A condition element in the CalDAV namespace (RFC 4791 §1.3).
    static func condition(_ name: String) -> DAVError.Condition {
        DAVError.Condition(namespace: Namespaces.calDAV, name: name)
    }

    /// `CALDAV:valid-filter` (RFC 4791 §7.8): the filter is not valid.
    static func invalidFilter(_ message: String) -> DAVError {
        DAVError(.forbidden, condition: condition("valid-filter"), message)
    }

    /// `CALDAV:supported-collation` (RFC 4791 §7.8): a text-match names an unknown collation.
    static func unsupportedCollation(_ name: String) -> DAVError {
        DAVError(.forbidden, condition: condition("supported-collation"), "The collation \(name) is not supported.")
    }

    /// `CALDAV:supported-calendar-data` (RFC 4791 §7.8, §9.6): a calendar-data content type or version
    /// the server cannot produce.
    static func unsupportedCalendarData(_ message: String) -> DAVError {
        DAVError(.forbidden, condition: condition("supported-calendar-data"), message)
    }

    /// `CALDAV:valid-calendar-data` (RFC 4791 §7.8): the `timezone` element is not one valid VTIMEZONE.
    static func invalidTimeZoneData(_ message: String) -> DAVError {
        DAVError(.forbidden, condition: condition("valid-calendar-data"), message)
    }

    /// `CALDAV:valid-timezone` (RFC 7809 §5.2): `timezone-id` names no known time zone.
    static func unknownTimeZone(_ tzid: String) -> DAVError {
        DAVError(.forbidden, condition: condition("valid-timezone"), "The time zone \(tzid) is not known.")
    }

    /// `CALDAV:max-instances` (RFC 4791 §5.2.7): expanding the request would produce too many instances.
    static func tooManyInstances(_ limit: Int) -> DAVError {
        DAVError(
            .forbidden,
            condition: condition("max-instances"),
            "The request expands to more than \(limit) instances."
        )
    }

    /// 500 for a stored calendar object that no longer parses (it passed validation when it was written).
    static func unparsableStoredData(_ error: CalendarValidationError) -> DAVError {
        DAVError(.internalServerError, "A stored calendar object does not parse: \(error)")
    }

    /// 400 for a body that does not follow the report's DTD (RFC 4791 §7.8, §9).
    static func malformed(_ message: String) -> DAVError {
        DAVError(.badRequest, message)
    }
}
