public import MIMEDir

/// An iCalendar object, VCALENDAR (RFC 5545 §3.4, §3.6), with typed access to its components.
public struct VCalendar: CalendarComponentView {
    /// The wrapped VCALENDAR component.
    public var component: Component

    /// Wraps a VCALENDAR component (RFC 5545 §3.4).
    public init(_ component: Component) {
        self.component = component
    }

    /// Creates an empty VCALENDAR with VERSION 2.0 and the given PRODID (RFC 5545 §3.7.3, §3.7.4).
    public init(prodID: String) {
        component = Component(
            name: "VCALENDAR",
            properties: [Property(name: "VERSION", value: "2.0"), Property(name: "PRODID", value: prodID)]
        )
    }

    /// Parses a stream holding exactly one VCALENDAR (RFC 5545 §3.4).
    ///
    /// Throws ``CalendarValidationError/unparsable(_:)``, ``CalendarValidationError/notCalendar(found:line:)``
    /// or ``CalendarValidationError/multipleCalendars(line:)``; does not apply the CalDAV rules
    /// (use ``CalendarObjectValidator`` for those).
    public static func parse(
        _ bytes: [UInt8],
        options: MIMEDirParser.Options = .forgiving
    ) throws(CalendarValidationError) -> VCalendar {
        let roots: [Component]
        do {
            roots = try MIMEDirParser(options: options).parse(bytes)
        } catch {
            throw .unparsable(error)
        }
        guard let first = roots.first, first.matches("VCALENDAR") else {
            throw .notCalendar(found: roots.first?.name ?? "", line: roots.first?.line ?? 1)
        }
        guard roots.count == 1 else { throw .multipleCalendars(line: roots[1].line) }
        return VCalendar(first)
    }

    /// Parses a string holding exactly one VCALENDAR (RFC 5545 §3.4).
    public static func parse(
        _ text: String,
        options: MIMEDirParser.Options = .forgiving
    ) throws(CalendarValidationError) -> VCalendar {
        try parse(Array(text.utf8), options: options)
    }

    /// The iCalendar text, CRLF line ends, folded at 75 octets (RFC 5545 §3.1).
    public func serialized() -> [UInt8] {
        MIMEDirSerializer().serialize(component)
    }

    /// The iCalendar text as a string (RFC 5545 §3.1).
    public var text: String {
        String(decoding: serialized(), as: UTF8.self)
    }

    /// VERSION (RFC 5545 §3.7.4).
    public var version: String? { component.property("VERSION")?.value.trimmingSpaces }
    /// PRODID (RFC 5545 §3.7.3).
    public var prodID: String? { text("PRODID") }
    /// METHOD (RFC 5545 §3.7.2), which CalDAV stored objects must not carry.
    public var method: String? { component.property("METHOD")?.value.trimmingSpaces.uppercased() }
    /// CALSCALE, default `GREGORIAN` (RFC 5545 §3.7.1).
    public var calendarScale: String {
        component.property("CALSCALE")?.value.trimmingSpaces.uppercased() ?? "GREGORIAN"
    }
    /// NAME (RFC 7986 §5.1).
    public var name: String? { text("NAME") }
    /// REFRESH-INTERVAL (RFC 7986 §5.7).
    public var refreshInterval: ICalDuration? {
        component.property("REFRESH-INTERVAL").flatMap { ICalDuration.parse($0.value.trimmingSpaces) }
    }
    /// SOURCE (RFC 7986 §5.8).
    public var source: String? { component.property("SOURCE")?.value }

    /// VEVENT components (RFC 5545 §3.6.1).
    public var events: [VEvent] { component.components("VEVENT").map(VEvent.init) }
    /// VTODO components (RFC 5545 §3.6.2).
    public var todos: [VTodo] { component.components("VTODO").map(VTodo.init) }
    /// VJOURNAL components (RFC 5545 §3.6.3).
    public var journals: [VJournal] { component.components("VJOURNAL").map(VJournal.init) }
    /// VFREEBUSY components (RFC 5545 §3.6.4).
    public var freeBusy: [VFreeBusy] { component.components("VFREEBUSY").map(VFreeBusy.init) }
    /// VTIMEZONE components (RFC 5545 §3.6.5).
    public var timeZones: [VTimeZone] { component.components("VTIMEZONE").map(VTimeZone.init) }
    /// VAVAILABILITY components (RFC 7953 §3.1).
    public var availabilities: [VAvailability] { component.components("VAVAILABILITY").map(VAvailability.init) }

    /// The VTIMEZONE whose TZID equals `tzid`, if any (RFC 5545 §3.2.19).
    public func timeZone(tzid: String) -> VTimeZone? {
        timeZones.first { $0.tzid == tzid }
    }

    /// Every subcomponent except VTIMEZONE: the components a CalDAV resource is about (RFC 4791 §4.1).
    public var objectComponents: [Component] {
        component.components.filter { !$0.matches("VTIMEZONE") }
    }

    /// This calendar reduced to a CALDAV:calendar-data selection (RFC 4791 §9.6).
    public func selecting(_ selection: ComponentSelection) -> VCalendar {
        VCalendar(component.selecting(selection))
    }
}
