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
        let collection: DAVResource
        if resource.isCollection {
            collection = resource
        } else {
            guard let parentPath = resource.path.parent,
                let parent = try backend.resource(at: parentPath, as: request.principal)
            else { throw DAVError.notFound(request.path) }
            collection = parent
        }
        let zone = try CalendarReportSupport.floatingZone(
            query: query.timeZone,
            collection: collection,
            request: request,
            context: context
        )
        let timeZones = TimeZonesByReference.preference(request.headers)
        let renderKey = CalendarReportSupport.renderKey(
            query.calendarData,
            timeZones: timeZones,
            floatingZone: zone,
            limits: limits
        )
        let response = ObjectReportResponse(dataProperty: CalDAVElements.calendarData, selection: query.properties)
        let answer = QueryAnswerKey(
            query: Matches(filter: query.filter, floating: ResolvedTimeZone.Key(zone), limits: limits),
            on: resource
        )
        if let answer,
            let kept = response.keptAnswer(for: answer, request: request, context: context, renderKey: renderKey)
        {
            return kept
        }
        let wantsData: Bool
        if case .properties(let names) = query.properties {
            wantsData = names.contains(CalDAVElements.calendarData)
        } else {
            wantsData = false
        }
        var matches = try self.candidates(
            for: prefilter,
            on: resource,
            withData: wantsData,
            request: request,
            backend: backend
        )
        // By the object's row id, which tells the candidates apart without hashing their paths.
        var parsed: [Int64: VCalendar] = [:]
        let limits = limits
        let known = FilterVerdictCache.shared.verdicts(for: query.filter, zone: zone, limits: limits)
        var found: [String: Bool] = [:]
        Self.keep(&matches) { candidate in
            if prefilter.isPlainEventRange, let hit = candidate.exactRangeHit { return hit }
            if prefilter.isPlainComponent { return true }
            let tag = candidate.resource.etag.flatMap { $0.isWeak ? nil : $0.opaqueTag }
            if let tag, let verdict = known[tag] { return verdict }
            let calendar = try? VCalendar.parse(candidate.bytes)
            let verdict = calendar.map { query.filter.matches($0, floatingZone: zone, limits: limits) } ?? false
            if let tag { found[tag] = verdict }
            if verdict, let calendar { parsed[candidate.resource.identifier] = calendar }
            return verdict
        }
        FilterVerdictCache.shared.remember(found, for: query.filter, zone: zone, limits: limits)
        let calendars = parsed
        return try response.response(
            objects: matches,
            request: request,
            context: context,
            renderKey: renderKey,
            answer: answer
        ) { object in
            try CalendarReportSupport.calendarData(
                object,
                parsed: calendars.isEmpty ? nil : calendars[object.resource.identifier],
                request: query.calendarData,
                timeZones: timeZones,
                floatingZone: zone,
                limits: limits
            )
        }
    }

    /// What decides which objects of a collection match a query (`QueryAnswerKey`): the filter, the zone its floating
    /// times are read in, and the expansion limits (RFC 4791 §9.7, §9.9).
    private struct Matches: Hashable, Sendable {
        let filter: CalendarFilter
        let floating: ResolvedTimeZone.Key
        let limits: ExpansionLimits
    }

    /// Keeps the candidates `matches` accepts, in order. They are moved within the array's buffer, where
    /// `Array.removeAll(where:)` would copy each one it keeps.
    private static func keep(_ candidates: inout [StoredObject], where matches: (StoredObject) -> Bool) {
        let kept = candidates.withUnsafeMutableBufferPointer { buffer in
            var kept = 0
            for index in buffer.indices where matches(buffer[index]) {
                if index != kept { buffer.swapAt(kept, index) }
                kept += 1
            }
            return kept
        }
        candidates.removeLast(candidates.count - kept)
    }

    /// The objects the index admits. With `data` (the report returns calendar-data) they come with their content
    /// from the same read; otherwise only those the index cannot decide itself are read: the exact instances of
    /// a plain VEVENT time range and the component column of a plain component filter need no parsing, so a
    /// getetag listing of 100,000 events reads no calendar data.
    private func candidates(
        for prefilter: CalendarPrefilter,
        on resource: DAVResource,
        withData data: Bool,
        request: DAVRequest,
        backend: any ObjectBackend
    ) throws -> [StoredObject] {
        guard resource.isCollection else {
            return try ObjectFetch.objects(at: [resource.path], from: backend, as: request.principal)
        }
        let rows = try backend.objects(
            in: request.path,
            component: prefilter.componentType,
            from: prefilter.timeRange?.start,
            to: prefilter.timeRange?.end,
            content: data,
            as: request.principal
        )
        guard !data else { return rows }
        let undecided = rows.filter { row in
            !(prefilter.isPlainComponent || (prefilter.isPlainEventRange && row.exactRangeHit != nil))
        }
        return try withContent(rows, only: undecided, in: resource, request: request, backend: backend)
    }

    /// `objects` with the bytes of `only` read in one query, order kept.
    private func withContent(
        _ objects: [StoredObject],
        only: [StoredObject],
        in collection: DAVResource,
        request: DAVRequest,
        backend: any ObjectBackend
    ) throws -> [StoredObject] {
        let needed = only.filter { $0.bytes.isEmpty }
        guard !needed.isEmpty else { return objects }
        var loaded: [DAVPath: [UInt8]] = [:]
        for (_, object) in try backend.objects(
            at: needed.map(\.resource.path),
            in: collection.path,
            as: request.principal
        ) {
            loaded[object.resource.path] = object.bytes
        }
        return objects.map { object in
            var object = object
            if let bytes = loaded[object.resource.path] { object.bytes = bytes }
            return object
        }
    }
}
