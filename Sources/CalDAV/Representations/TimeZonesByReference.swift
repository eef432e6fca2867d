import Foundation
public import HTTPWire
public import ICalendarFormat
import MIMEDir
import Recurrence

/// Time zones by reference (RFC 7809): objects may be stored without VTIMEZONE components for standard
/// (IANA) TZIDs, and a client says with `CalDAV-Timezones: T` that it wants every VTIMEZONE filled in, or with
/// `F` that it wants standard ones left out (§3.1.2). Without the header the stored form is sent.
public enum TimeZonesByReference {
    /// The client's choice from the `CalDAV-Timezones` header: true to include, false to omit, nil to leave the
    /// object as stored.
    public static func preference(_ headers: HTTPHeaders) -> Bool? {
        switch headers["CalDAV-Timezones"]?.trimmingCharacters(in: .whitespaces).uppercased() {
        case "T": true
        case "F": false
        default: nil
        }
    }

    /// The calendar with VTIMEZONEs added for every TZID in use that has none (from the system tz database), or
    /// with the VTIMEZONEs of standard zones removed.
    public static func apply(_ include: Bool, to calendar: VCalendar) -> VCalendar {
        var result = calendar
        if include {
            let defined = Set(calendar.timeZones.compactMap(\.tzid))
            var missing: [String] = []
            for tzid in usedTZIDs(in: calendar.component) where !defined.contains(tzid) && !missing.contains(tzid) {
                missing.append(tzid)
            }
            let added = missing.compactMap { tzid in
                VTimeZoneWriter.text(forTZID: tzid).flatMap { try? MIMEDirParser().parse(Array($0.utf8)).first }
            }
            result.component.components.insert(contentsOf: added, at: 0)
        } else {
            result.component.components.removeAll { component in
                guard component.matches("VTIMEZONE"), let tzid = VTimeZone(component).tzid else { return false }
                return TimeZone(identifier: tzid) != nil
            }
        }
        return result
    }

    /// The TZID parameter values used by the properties of a component and its subcomponents.
    private static func usedTZIDs(in component: Component) -> [String] {
        var found: [String] = []
        for property in component.properties {
            if let tzid = property.parameterValue("TZID") { found.append(tzid) }
        }
        for child in component.components where !child.matches("VTIMEZONE") {
            found += usedTZIDs(in: child)
        }
        return found
    }
}
