public import DAVCore
import HTTPWire
import MIMEDir

/// GET on a calendar collection: the whole calendar as one iCalendar object (RFC 5545 §3.4, §3.6) — one
/// VCALENDAR with every component of every stored object, VTIMEZONEs de-duplicated by TZID (RFC 5545 §3.6.5:
/// the first definition of a TZID wins), `X-WR-CALNAME` from the collection's display name.
public struct CalendarExport: CollectionExport {
    /// Creates the exporter.
    public init() {}

    /// Calendars.
    public var collectionKind: ResourceKind { .calendar }
    /// `text/calendar` (RFC 5545 §8.1).
    public var mediaType: String { "text/calendar; charset=utf-8" }
    /// `ics`.
    public var fileExtension: String { "ics" }

    /// Merges the objects' VCALENDARs. Throws 500 when a stored object no longer parses.
    public func export(_ objects: [StoredObject], displayName: String?) throws -> [UInt8] {
        var timeZones: [Component] = []
        var seenTimeZones: Set<String> = []
        var components: [Component] = []
        let parser = MIMEDirParser()
        for object in objects {
            let roots: [Component]
            do {
                roots = try parser.parse(object.bytes)
            } catch {
                throw DAVError(
                    .internalServerError,
                    "The stored object \(object.resource.path) does not parse: \(error)"
                )
            }
            for calendar in roots where calendar.matches("VCALENDAR") {
                for component in calendar.components {
                    guard component.matches("VTIMEZONE") else {
                        components.append(component)
                        continue
                    }
                    let tzid = component.property("TZID")?.value ?? ""
                    if seenTimeZones.insert(tzid).inserted { timeZones.append(component) }
                }
            }
        }
        var properties = [
            Property(name: "VERSION", value: "2.0"),
            Property(name: "PRODID", value: "-//Kalends//Calendar export//EN"),
            Property(name: "CALSCALE", value: "GREGORIAN"),
        ]
        if let displayName, !displayName.isEmpty {
            properties.append(Property(name: "X-WR-CALNAME", value: TextEscaping.escape(displayName)))
        }
        let calendar = Component(name: "VCALENDAR", properties: properties, components: timeZones + components)
        return MIMEDirSerializer().serialize(calendar)
    }
}
