public import DAVCore
import DAVXML
public import HTTPWire

/// MKCALENDAR (RFC 4791 §5.3.1): creates a calendar collection with the properties of the optional
/// `CALDAV:mkcalendar` body; one without a `supported-calendar-component-set` accepts VEVENT, VTODO and VJOURNAL.
public struct MkcalendarMethod: MethodHandler {
    /// Creates the handler.
    public init() {}

    /// Serves MKCALENDAR.
    public var method: HTTPMethod { .mkcalendar }

    /// Creates the calendar.
    public func handle(_ request: DAVRequest, in context: DAVContext) throws -> HTTPResponse {
        var properties: [XMLTree] = []
        if let body = try context.readXMLBody(of: request) {
            guard body.name == CalDAVElements.named("mkcalendar") else {
                throw DAVError(.badRequest, "The body must be a CALDAV:mkcalendar element.")
            }
            properties = CollectionCreation.properties(in: body)
        }
        properties.removeAll { $0.name == .dav("resourcetype") }
        if !properties.contains(where: { $0.name == CalendarProperties.supportedComponentSet }) {
            properties.append(CalendarProperties.componentSet(CalendarProperties.defaultComponents))
        }
        return try CollectionCreation.create(request, kind: .calendar, properties: properties, in: context)
    }
}
