public import DAVCore
public import ICalendarFormat
import MIMEDir
public import Recurrence

/// Busy time of calendar objects for CALDAV:free-busy-query (RFC 4791 §7.10): VEVENT instances that
/// block time and the FREEBUSY periods of stored VFREEBUSY components, clipped to the range and merged.
public enum FreeBusyCalculator {
    /// The busy intervals one calendar object contributes within `range` (RFC 4791 §7.10), unmerged, clipped.
    ///
    /// A VEVENT instance counts unless its component has `TRANSP:TRANSPARENT` or `STATUS:CANCELLED`, or it
    /// lasts no time; `STATUS:TENTATIVE` makes it BUSY-TENTATIVE, anything else BUSY (RFC 5545 §3.2.9).
    /// A VFREEBUSY contributes its FREEBUSY periods except FREE ones. Floating and DATE values are read in
    /// `floatingZone`.
    ///
    /// - Throws: 403 `CALDAV:max-instances` when the object has more than `limits.maxInstances` instances in
    ///   the range.
    public static func busyIntervals(
        in calendar: VCalendar,
        range: CalendarTimeRange,
        floatingZone: ResolvedTimeZone = .utc,
        limits: ExpansionLimits = .default
    ) throws(DAVError) -> [BusyInterval] {
        let resolver = TimeZoneResolver(calendar: calendar)
        let low = range.start ?? Int64.min
        let high = range.end ?? Int64.max
        var result: [BusyInterval] = []
        func add(_ type: String, _ start: Int64, _ end: Int64) {
            let clipped = BusyInterval(type: type, start: Swift.max(start, low), end: Swift.min(end, high))
            if clipped.end > clipped.start { result.append(clipped) }
        }
        for group in RecurrenceGroup.groups(in: calendar, kind: .event) {
            let instances: [RecurrenceInstance]
            do {
                instances = try group.recurrenceSet(resolver: resolver, floating: floatingZone, limits: limits)
                    .instances(from: range.start, to: range.end)
            } catch .tooManyInstances(let limit) {
                throw CalDAVFailure.tooManyInstances(limit)
            } catch {
                continue
            }
            for instance in instances {
                guard let source = instance.overrideIndex.map({ group.overrides[$0] }) ?? group.master,
                    let type = busyType(of: VEvent(source))
                else { continue }
                add(type, instance.start, instance.end)
            }
        }
        for freeBusy in calendar.freeBusy {
            for busy in freeBusy.busyPeriods where busy.type != "FREE" {
                let start = CalendarTime.seconds(of: busy.period.start, resolver: resolver, floating: floatingZone)
                let end: Int64
                switch busy.period.end {
                case .dateTime(let value):
                    end = CalendarTime.seconds(of: value, resolver: resolver, floating: floatingZone)
                case .duration(let duration):
                    end = start + Int64(duration.totalSeconds)
                }
                add(busy.type, start, end)
            }
        }
        return result
    }

    /// The FBTYPE a VEVENT blocks time with, nil when it does not (RFC 4791 §7.10, RFC 5545 §3.8.2.7).
    static func busyType(of event: VEvent) -> String? {
        guard event.isOpaque, event.status != "CANCELLED" else { return nil }
        return event.status == "TENTATIVE" ? "BUSY-TENTATIVE" : "BUSY"
    }

    /// The free-busy-query response body (RFC 4791 §7.10): a VCALENDAR with one VFREEBUSY holding
    /// DTSTAMP, DTSTART and DTEND of the range, and one FREEBUSY per merged interval in UTC (FBTYPE left
    /// out for BUSY, its default), sorted by start.
    ///
    /// - Parameters:
    ///   - range: the query range; both ends must be present (``FreeBusyQuery`` guarantees it).
    ///   - stamp: DTSTAMP, UTC seconds (the time of the request).
    ///   - productID: PRODID of the generated object (RFC 5545 §3.7.3).
    /// - Throws: the errors of ``busyIntervals(in:range:floatingZone:limits:)``.
    public static func report(
        for calendars: some Sequence<VCalendar>,
        range: CalendarTimeRange,
        stamp: Int64,
        productID: String = "-//Kalends//CalDAV Server//EN",
        floatingZone: ResolvedTimeZone = .utc,
        limits: ExpansionLimits = .default
    ) throws(DAVError) -> [UInt8] {
        var intervals: [BusyInterval] = []
        for calendar in calendars {
            intervals += try busyIntervals(in: calendar, range: range, floatingZone: floatingZone, limits: limits)
        }
        var freeBusy = Component(name: "VFREEBUSY")
        freeBusy.properties.append(CalendarTime.utcDateTime(stamp).makeProperty(name: "DTSTAMP"))
        if let start = range.start {
            freeBusy.properties.append(CalendarTime.utcDateTime(start).makeProperty(name: "DTSTART"))
        }
        if let end = range.end { freeBusy.properties.append(CalendarTime.utcDateTime(end).makeProperty(name: "DTEND")) }
        for interval in BusyInterval.merged(intervals) {
            let period = CalendarTimeRange.utcText(interval.start) + "/" + CalendarTimeRange.utcText(interval.end)
            let parameters = interval.type == "BUSY" ? [] : [Parameter(name: "FBTYPE", value: interval.type)]
            freeBusy.properties.append(Property(name: "FREEBUSY", parameters: parameters, value: period))
        }
        var calendar = VCalendar(prodID: productID)
        calendar.component.components.append(freeBusy)
        return calendar.serialized()
    }
}
