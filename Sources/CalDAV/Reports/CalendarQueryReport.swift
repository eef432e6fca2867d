public import DAVCore
public import DAVXML
public import HTTPWire
import ICalendarFormat
public import Recurrence

/// The `calendar-query` report (RFC 4791 §7.8): the calendar objects that match a filter. Candidates come from
/// the store's index (component type and the span of all instances against the filter's time range), and only
/// they are parsed and matched exactly (RFC 4791 §9.7, §9.9) and rendered — except events whose instances the
/// index lists exactly, which a plain VEVENT time-range filter answers in SQL without parsing.
public struct CalendarQueryReport: ReportHandler {
    /// Bounds on expansion while matching and rendering.
    public let limits: ExpansionLimits

    /// Creates the report.
    public init(limits: ExpansionLimits = .default) { self.limits = limits }

    /// `{urn:ietf:params:xml:ns:caldav}calendar-query`.
    public var name: XMLName { CalDAVElements.calendarQuery }

    /// Calendars, and the calendar objects in them.
    public func isSupported(on resource: DAVResource) -> Bool {
        resource.kind == .calendar
            || (!resource.isCollection && resource.contentType?.hasPrefix("text/calendar") == true)
    }

    /// Answers with the matching objects.
    public func report(_ body: XMLTree, on resource: DAVResource, request: DAVRequest, in context: DAVContext) throws
        -> HTTPResponse
    {
        guard let backend = context.backend as? any ObjectBackend else {
            throw DAVError(.forbidden, condition: .dav("supported-report"), "This server holds no calendars.")
        }
        let query = try CalendarQuery.decode(body)
        let prefilter = CalendarPrefilter(filter: query.filter)
        let candidates: [StoredObject]
        let collection: DAVResource
        if resource.isCollection {
            collection = resource
            candidates = try backend.objects(
                in: request.path,
                component: prefilter.componentType,
                from: prefilter.timeRange?.start,
                to: prefilter.timeRange?.end,
                as: request.principal
            )
        } else {
            guard let parentPath = resource.path.parent,
                let parent = try backend.resource(at: parentPath, as: request.principal)
            else { throw DAVError.notFound(request.path) }
            collection = parent
            candidates = try ObjectFetch.objects(at: [resource.path], from: backend, as: request.principal)
        }
        let zone = try CalendarReportSupport.floatingZone(
            query: query.timeZone,
            collection: collection,
            request: request,
            context: context
        )
        var matches: [StoredObject] = []
        var parsed: [DAVPath: VCalendar] = [:]
        for candidate in candidates {
            if prefilter.isPlainEventRange, let hit = candidate.exactRangeHit {
                if hit { matches.append(candidate) }
                continue
            }
            guard let calendar = try? VCalendar.parse(candidate.bytes),
                query.filter.matches(calendar, floatingZone: zone, limits: limits)
            else { continue }
            matches.append(candidate)
            parsed[candidate.resource.path] = calendar
        }
        return try ObjectReportResponse(dataProperty: CalDAVElements.calendarData, selection: query.properties)
            .response(objects: matches, request: request, context: context) { object in
                try CalendarReportSupport.calendarData(
                    object,
                    parsed: parsed[object.resource.path],
                    request: query.calendarData,
                    floatingZone: zone,
                    limits: limits
                )
            }
    }
}
