public import DAVCore
public import DAVXML
public import HTTPWire
public import Recurrence

/// The `calendar-multiget` report (RFC 4791 §7.9): the requested properties and calendar data of the calendar
/// objects named by `DAV:href`, read in one store query per collection; hrefs that name nothing get 404.
public struct CalendarMultigetReport: ReportHandler {
    /// Bounds on expansion when calendar-data asks for it.
    public let limits: ExpansionLimits

    /// Creates the report.
    public init(limits: ExpansionLimits = .default) { self.limits = limits }

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
        let multiget = try CalendarMultiget.decode(body)
        var requested: [DAVPath] = []
        requested.reserveCapacity(multiget.hrefs.count)
        for href in multiget.hrefs {
            guard let path = DAVPath(href: href) else { throw DAVError(.badRequest, "\(href) is not a valid href.") }
            requested.append(path)
        }
        let (objects, missing) = try ObjectFetch.fetch(requested, from: backend, as: request.principal)
        let timeZones = TimeZonesByReference.preference(request.headers)
        // The collection's time zone reads floating times only when the data is rendered, not returned as stored.
        let rendersData = timeZones != nil || multiget.calendarData?.returnsStoredData == false
        let collection = resource.isCollection && rendersData ? resource : nil
        let zone =
            try collection.map {
                try CalendarReportSupport.floatingZone(query: nil, collection: $0, request: request, context: context)
            } ?? .utc
        return try ObjectReportResponse(dataProperty: CalDAVElements.calendarData, selection: multiget.properties)
            .response(
                objects: objects,
                missing: missing,
                request: request,
                context: context,
                renderKey: CalendarReportSupport.renderKey(
                    multiget.calendarData,
                    timeZones: timeZones,
                    floatingZone: zone,
                    limits: limits
                ),
                keepsResponses: false
            ) { object in
                try CalendarReportSupport.calendarData(
                    object,
                    parsed: nil,
                    request: multiget.calendarData,
                    timeZones: timeZones,
                    floatingZone: zone,
                    limits: limits
                )
            }
    }
}
