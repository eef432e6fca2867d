public import DAVCore
public import DAVXML
import Foundation
public import HTTPWire
import ICalendarFormat
public import Recurrence

/// The `free-busy-query` report (RFC 4791 §7.10) on a calendar: one VFREEBUSY with the merged busy periods of
/// the events (and VFREEBUSY components) overlapping the range, read from the index's candidates.
public struct FreeBusyQueryReport: ReportHandler {
    /// Bounds on expansion.
    public let limits: ExpansionLimits

    /// Creates the report.
    public init(limits: ExpansionLimits = .default) { self.limits = limits }

    /// `{urn:ietf:params:xml:ns:caldav}free-busy-query`.
    public var name: XMLName { CalDAVElements.freeBusyQuery }

    /// Calendars.
    public func isSupported(on resource: DAVResource) -> Bool { resource.kind == .calendar }

    /// Answers 200 with a text/calendar body.
    public func report(_ body: XMLTree, on resource: DAVResource, request: DAVRequest, in context: DAVContext) throws
        -> HTTPResponse
    {
        guard let backend = context.backend as? any ObjectBackend else {
            throw DAVError(.forbidden, condition: .dav("supported-report"), "This server holds no calendars.")
        }
        let query = try FreeBusyQuery.decode(body)
        let candidates = try ["VEVENT", "VFREEBUSY"].flatMap { component in
            try backend.objects(
                in: request.path,
                component: component,
                from: query.timeRange.start,
                to: query.timeRange.end,
                content: true,
                as: request.principal
            )
        }
        let zone = try CalendarReportSupport.floatingZone(
            query: nil,
            collection: resource,
            request: request,
            context: context
        )
        let bytes = try FreeBusyCalculator.report(
            for: candidates.lazy.compactMap { try? VCalendar.parse($0.bytes) },
            range: query.timeRange,
            stamp: Int64(Date().timeIntervalSince1970),
            floatingZone: zone,
            limits: limits
        )
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "text/calendar; charset=utf-8")
        return HTTPResponse(status: .ok, headers: headers, body: .bytes(bytes), isCompressible: true)
    }
}
