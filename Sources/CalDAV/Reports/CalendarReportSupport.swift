import DAVCore
import DAVXML
import Foundation
import ICalendarFormat
import Recurrence

/// What the calendar reports share: the time zone floating times are read in, and the `calendar-data` element.
enum CalendarReportSupport {
    /// The zone for floating and DATE values (RFC 4791 §9.9): the query's, else the collection's
    /// `calendar-timezone` (RFC 4791 §5.2.2) or `calendar-timezone-id` (RFC 7809 §5.2), else UTC.
    static func floatingZone(
        query: QueryTimeZone?,
        collection: DAVResource,
        request: DAVRequest,
        context: DAVContext
    ) throws -> ResolvedTimeZone {
        if let query { return query.zone }
        guard collection.kind == .calendar else { return .utc }
        let dead = try context.backend.deadProperties(of: [collection], as: request.principal)[collection.path] ?? []
        if let text = dead.first(where: { $0.name == CalDAVElements.named("calendar-timezone") })?.text,
            let zone = QueryTimeZone.parse(calendarText: text)
        {
            return zone.zone
        }
        if let identifier = dead.first(where: { $0.name == CalDAVElements.named("calendar-timezone-id") })?.text,
            let zone = TimeZoneResolver().zone(forTZID: identifier.trimmingCharacters(in: .whitespacesAndNewlines))
        {
            return zone
        }
        return .utc
    }

    /// What, with an object's bytes, determines its `calendar-data` as `calendarData` renders it, for keeping
    /// rendered responses (`ReportFragmentCache`). The floating zone is part of it only when the rendering reads
    /// it: `expand` and the `limit-*` elements resolve their ranges in it (RFC 4791 §9.6.5–9.6.7).
    static func renderKey(
        _ request: CalendarDataRequest?,
        timeZones: Bool?,
        floatingZone: ResolvedTimeZone,
        limits: ExpansionLimits
    ) -> CalendarRenderKey {
        let request = request ?? CalendarDataRequest()
        let readsZone = request.expand != nil || request.limitRecurrenceSet != nil || request.limitFreeBusySet != nil
        return CalendarRenderKey(
            request: request,
            timeZones: timeZones,
            floating: readsZone ? ResolvedTimeZone.Key(floatingZone) : nil,
            limits: limits
        )
    }

    /// The `calendar-data` property of one object as `request` asks (the stored bytes when it asks nothing more),
    /// with VTIMEZONEs added or omitted when the client sent `CalDAV-Timezones` (RFC 7809 §3.1.2), and the media
    /// type of the `content-type` attribute when the format is jCal or xCal (RFC 4791 §9.6, RFC 7265, RFC 6321). An
    /// object the query already parsed is rendered from that parse, except for `expand`, which works on the stored
    /// bytes without a full parse.
    static func calendarData(
        _ object: StoredObject,
        parsed: VCalendar?,
        request: CalendarDataRequest?,
        timeZones: Bool? = nil,
        floatingZone: ResolvedTimeZone,
        limits: ExpansionLimits
    ) throws -> ObjectData {
        let request = request ?? CalendarDataRequest()
        let bytes: [UInt8]
        if let timeZones, let calendar = parsed ?? (try? VCalendar.parse(object.bytes)) {
            bytes = try CalendarDataRenderer.render(
                TimeZonesByReference.apply(timeZones, to: calendar),
                request: request,
                floatingZone: floatingZone,
                limits: limits
            )
        } else if let parsed, !request.returnsStoredData, request.expand == nil {
            bytes = try CalendarDataRenderer.render(
                parsed,
                request: request,
                floatingZone: floatingZone,
                limits: limits
            )
        } else {
            bytes = try CalendarDataRenderer.render(
                object.bytes,
                request: request,
                floatingZone: floatingZone,
                limits: limits
            )
        }
        return ObjectData(bytes: bytes, contentType: request.format == .ical ? nil : request.format.mediaType)
    }
}

/// The inputs of a `calendar-data` rendering besides the object (`CalendarReportSupport.renderKey`).
struct CalendarRenderKey: Hashable, Sendable {
    let request: CalendarDataRequest
    let timeZones: Bool?
    let floating: ResolvedTimeZone.Key?
    let limits: ExpansionLimits
}
