public import DAVCore
public import DAVXML
public import HTTPWire

/// The `calendar-multiget` report (RFC 4791 §7.9): the requested properties and calendar data of the calendar
/// objects named by `DAV:href`, read in one store query per collection; hrefs that name nothing get 404.
public struct CalendarMultigetReport: ReportHandler {
    /// Creates the report.
    public init() {}

    /// `{urn:ietf:params:xml:ns:caldav}calendar-multiget`.
    public var name: XMLName { CalDAVElements.calendarMultiget }

    /// Calendars, and the calendar objects in them.
    public func isSupported(on resource: DAVResource) -> Bool {
        resource.kind == .calendar
            || (!resource.isCollection && resource.contentType?.hasPrefix("text/calendar") == true)
    }

    /// Answers with one response per href.
    public func report(_ body: XMLTree, on resource: DAVResource, request: DAVRequest, in context: DAVContext) throws
        -> HTTPResponse
    {
        guard let backend = context.backend as? any ObjectBackend else {
            throw DAVError(.forbidden, condition: .dav("supported-report"), "This server holds no calendars.")
        }
        let selection = try ReportSelection.decode(body)
        var requested: [DAVPath] = []
        for href in body.children(named: .dav("href")) {
            guard let path = DAVPath(href: href.text) else {
                throw DAVError(.badRequest, "\(href.text) is not a valid href.")
            }
            requested.append(path)
        }
        let objects = try ObjectFetch.objects(at: requested, from: backend, as: request.principal)
        let found = Set(objects.map(\.resource.path))
        return try ObjectReportResponse(dataProperty: CalDAVElements.calendarData, selection: selection).response(
            objects: objects,
            missing: requested.filter { !found.contains($0) },
            request: request,
            context: context
        ) { object in
            XMLTree(CalDAVElements.calendarData, text: String(decoding: object.bytes, as: UTF8.self))
        }
    }
}
