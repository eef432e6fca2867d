public import MIMEDir

/// Why calendar data was refused, each case naming its CalDAV precondition (RFC 4791 §4.1, §5.3.2.1).
public enum CalendarValidationError: Error, Sendable, Hashable {
    /// The content lines do not parse (RFC 5545 §3.1).
    case unparsable(MIMEDirError)
    /// The top-level component is not VCALENDAR (RFC 5545 §3.4).
    case notCalendar(found: String, line: Int)
    /// More than one VCALENDAR in one resource (RFC 4791 §4.1).
    case multipleCalendars(line: Int)
    /// VERSION is missing or not 2.0 (RFC 5545 §3.7.4).
    case unsupportedVersion(String?, line: Int)
    /// A required property is missing (RFC 5545 §3.6), e.g. DTSTART in VEVENT, TZID in VTIMEZONE.
    case missingProperty(component: String, property: String, line: Int)
    /// A property that may occur once occurs more often (RFC 5545 §3.6).
    case duplicateProperty(component: String, property: String, line: Int)
    /// Two properties that exclude each other are both present (e.g. DTEND and DURATION, RFC 5545 §3.6.1).
    case conflictingProperties(component: String, first: String, second: String, line: Int)
    /// A value does not match its type (RFC 5545 §3.3).
    case invalidValue(property: String, value: String, line: Int)
    /// DTEND/DUE is before DTSTART (RFC 5545 §3.8.2.2, §3.8.2.3).
    case endBeforeStart(component: String, line: Int)
    /// DTSTART and DTEND/DUE/RECURRENCE-ID differ in value type (DATE vs DATE-TIME) (RFC 5545 §3.8.2.2).
    case valueTypeMismatch(component: String, property: String, line: Int)
    /// A TZID parameter names no VTIMEZONE in the object (RFC 5545 §3.2.19).
    case unknownTimeZone(tzid: String, line: Int)
    /// The object holds no VEVENT, VTODO, VJOURNAL, VFREEBUSY or VAVAILABILITY (RFC 4791 §4.1).
    case noComponents(line: Int)
    /// A component lacks UID (RFC 4791 §4.1).
    case missingUID(component: String, line: Int)
    /// Components carry different UIDs (RFC 4791 §4.1); lists the first ten distinct UIDs.
    case multipleUIDs([String], line: Int)
    /// Several component types besides VTIMEZONE (RFC 4791 §4.1).
    case mixedComponentTypes([String], line: Int)
    /// METHOD is present in a stored object (RFC 4791 §4.1).
    case methodNotAllowed(line: Int)
    /// More than one component without RECURRENCE-ID (RFC 4791 §4.1).
    case multipleMasters(line: Int)
    /// Two overrides share a RECURRENCE-ID (RFC 5545 §3.8.4.4).
    case duplicateRecurrenceID(String, line: Int)
    /// The component type is not in the collection's supported-calendar-component-set (RFC 4791 §5.2.3).
    case unsupportedComponent(String, line: Int)

    /// The precondition element to return in the 403/409 body (RFC 4791 §1.3).
    public var precondition: CalDAVPrecondition {
        switch self {
        case .unparsable, .notCalendar, .unsupportedVersion, .missingProperty, .duplicateProperty,
            .conflictingProperties, .invalidValue, .endBeforeStart, .valueTypeMismatch, .unknownTimeZone:
            .validCalendarData
        case .multipleCalendars, .noComponents, .missingUID, .multipleUIDs, .mixedComponentTypes, .methodNotAllowed,
            .multipleMasters, .duplicateRecurrenceID:
            .validCalendarObjectResource
        case .unsupportedComponent:
            .supportedCalendarComponent
        }
    }

    /// The 1-based source line the problem refers to.
    public var line: Int {
        switch self {
        case .unparsable(let error): error.line
        case .notCalendar(_, let line), .multipleCalendars(let line), .unsupportedVersion(_, let line),
            .missingProperty(_, _, let line), .duplicateProperty(_, _, let line),
            .conflictingProperties(_, _, _, let line), .invalidValue(_, _, let line), .endBeforeStart(_, let line),
            .valueTypeMismatch(_, _, let line), .unknownTimeZone(_, let line), .noComponents(let line),
            .missingUID(_, let line), .multipleUIDs(_, let line), .mixedComponentTypes(_, let line),
            .methodNotAllowed(let line), .multipleMasters(let line), .duplicateRecurrenceID(_, let line),
            .unsupportedComponent(_, let line):
            line
        }
    }

    /// A one-line description for logs, error bodies and `kalends ical check`.
    public var message: String {
        switch self {
        case .unparsable(let error): error.message
        case .notCalendar(let found, _): "expected BEGIN:VCALENDAR, found \(found.isEmpty ? "nothing" : found)"
        case .multipleCalendars: "more than one VCALENDAR in one resource"
        case .unsupportedVersion(let version, _): "VERSION must be 2.0, found \(version ?? "none")"
        case .missingProperty(let component, let property, _): "\(component) lacks required \(property)"
        case .duplicateProperty(let component, let property, _): "\(component) has more than one \(property)"
        case .conflictingProperties(let component, let first, let second, _):
            "\(component) has both \(first) and \(second)"
        case .invalidValue(let property, let value, _): "invalid \(property) value '\(value.prefix(80))'"
        case .endBeforeStart(let component, _): "\(component) ends before it starts"
        case .valueTypeMismatch(let component, let property, _):
            "\(component): DTSTART and \(property) differ in value type (DATE vs DATE-TIME)"
        case .unknownTimeZone(let tzid, _): "TZID '\(tzid)' has no VTIMEZONE"
        case .noComponents: "no VEVENT, VTODO, VJOURNAL, VFREEBUSY or VAVAILABILITY"
        case .missingUID(let component, _): "\(component) has no UID"
        case .multipleUIDs(let uids, _): "components have different UIDs: \(uids.joined(separator: ", "))"
        case .mixedComponentTypes(let types, _): "mixed component types: \(types.joined(separator: ", "))"
        case .methodNotAllowed: "METHOD is not allowed in a stored calendar object"
        case .multipleMasters: "more than one component without RECURRENCE-ID"
        case .duplicateRecurrenceID(let id, _): "RECURRENCE-ID \(id) occurs twice"
        case .unsupportedComponent(let name, _): "component \(name) is not supported by this calendar"
        }
    }
}
