public import DAVCore
public import DAVXML
import Foundation
import ICalendarFormat
public import Recurrence

/// The time zone a calendar-query reads floating and DATE values in (RFC 4791 §9.9): the CALDAV:timezone
/// element (RFC 4791 §9.8, a VCALENDAR holding one VTIMEZONE) or the CALDAV:timezone-id element
/// (RFC 7809 §5.2, a tz database name). Without either the caller's default applies: the collection's
/// `calendar-timezone`, else UTC.
public struct QueryTimeZone: Sendable {
    /// The TZID of the VTIMEZONE or the `timezone-id` text.
    public var identifier: String
    /// The zone, ready to convert local times.
    public var zone: ResolvedTimeZone

    /// Creates a query time zone (RFC 4791 §9.8).
    public init(identifier: String, zone: ResolvedTimeZone) {
        self.identifier = identifier
        self.zone = zone
    }

    /// The zone described by iCalendar text holding one VTIMEZONE (RFC 4791 §9.8, §5.2.2); nil when the text
    /// is not a VCALENDAR with exactly one evaluable VTIMEZONE.
    public static func parse(calendarText: String) -> QueryTimeZone? {
        guard let calendar = try? VCalendar.parse(calendarText), calendar.timeZones.count == 1,
            let tzid = calendar.timeZones.first?.tzid?.trimmingCharacters(in: .whitespaces),
            let zone = TimeZoneResolver(calendar: calendar).zone(forTZID: tzid)
        else { return nil }
        return QueryTimeZone(identifier: tzid, zone: zone)
    }

    /// Decodes the optional CALDAV:timezone / CALDAV:timezone-id child of a REPORT body (RFC 4791 §9.8,
    /// RFC 7809 §5.2); nil when neither is present.
    ///
    /// - Throws: 400 when both are present; 403 `CALDAV:valid-calendar-data` for a bad `timezone`;
    ///   403 `CALDAV:valid-timezone` for an unknown `timezone-id`.
    public static func decode(in body: XMLTree) throws(DAVError) -> QueryTimeZone? {
        let text = body.child(CalDAVElements.named("timezone"))
        let identifier = body.child(CalDAVElements.named("timezone-id"))
        switch (text, identifier) {
        case (nil, nil):
            return nil
        case (let element?, nil):
            guard let zone = parse(calendarText: element.text) else {
                throw CalDAVFailure.invalidTimeZoneData("CALDAV:timezone must be a VCALENDAR with one VTIMEZONE.")
            }
            return zone
        case (nil, let element?):
            let tzid = element.text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard let zone = TimeZoneResolver.systemZone(named: tzid) else { throw CalDAVFailure.unknownTimeZone(tzid) }
            return QueryTimeZone(identifier: tzid, zone: zone)
        case (_?, _?):
            throw CalDAVFailure.malformed("Send CALDAV:timezone or CALDAV:timezone-id, not both (RFC 7809 §5.2).")
        }
    }
}
