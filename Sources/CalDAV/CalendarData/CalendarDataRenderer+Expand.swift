public import DAVCore
public import ICalendarFormat
import MIMEDir
public import Recurrence

extension CalendarDataRenderer {
    /// The recurrence properties an expanded instance loses (RFC 4791 §9.6.5).
    static let recurrenceProperties = ["RRULE", "RDATE", "EXDATE", "EXRULE"]

    /// CALDAV:expand (RFC 4791 §9.6.5): every VEVENT, VTODO and VJOURNAL instance overlapping `range` becomes
    /// its own component, built from the master or its override, without RRULE, RDATE, EXDATE or EXRULE,
    /// with DTSTART/DTEND/DUE of the instance and, for recurring sets, a RECURRENCE-ID. Values with a TZID
    /// become UTC; DATE and floating values stay as they are; VTIMEZONE components are dropped. Other
    /// components (VFREEBUSY, VAVAILABILITY, X-) are kept.
    ///
    /// - Throws: 403 `CALDAV:max-instances` past `limits.maxInstances`.
    public static func expand(
        _ calendar: VCalendar,
        to range: CalendarTimeRange,
        floatingZone: ResolvedTimeZone = .utc,
        limits: ExpansionLimits = .default
    ) throws(DAVError) -> VCalendar {
        let resolver = TimeZoneResolver(calendar: calendar)
        var result = calendar
        result.component.components = calendar.component.components.filter {
            !$0.matches("VTIMEZONE") && ComponentKind(rawValue: $0.name.uppercased()) == nil
        }
        let planned = PlannedInstances(of: calendar, resolver: resolver, floating: floatingZone, limits: limits)
        _ = try planned.forEachInstance(in: range, keep: { result.component.components.append($0) }) {
            source,
            instance,
            recurs in
            result.component.components.append(
                expanded(source, instance: instance, recurs: recurs, resolver: resolver, floating: floatingZone)
            )
            return true
        }
        return result
    }

    static func isRecurring(_ component: Component) -> Bool {
        component.properties.contains { $0.matches("RRULE") || $0.matches("RDATE") }
    }

    /// One instance as a component (RFC 4791 §9.6.5).
    private static func expanded(
        _ source: Component,
        instance: RecurrenceInstance,
        recurs: Bool,
        resolver: TimeZoneResolver,
        floating: ResolvedTimeZone
    ) -> Component {
        guard let start = source.property("DTSTART").flatMap(ICalDateTime.init(property:)) else {
            return utcConverted(source, resolver: resolver)
        }
        func value(utc: Int64, local: CivilDateTime) -> ICalDateTime {
            switch start.form {
            case .date: CalendarTime.dateTime(local, form: .date)
            case .floating: CalendarTime.dateTime(local, form: .floating)
            case .utc, .local: CalendarTime.utcDateTime(utc)
            }
        }
        let endName = source.matches("VTODO") ? "DUE" : "DTEND"
        let recurrenceID = value(utc: instance.recurrenceID, local: instance.localRecurrenceID)
        var component = Component(name: source.name)
        component.components = source.components
        component.properties.reserveCapacity(source.properties.count + 1)
        var hasRecurrenceID = false
        for property in source.properties {
            if recurrenceProperties.contains(where: property.matches) { continue }
            if property.matches("DTSTART") {
                component.properties.append(
                    replaced(property, with: value(utc: instance.start, local: instance.localStart))
                )
            } else if property.matches(endName) {
                component.properties.append(
                    replaced(property, with: value(utc: instance.end, local: instance.localEnd))
                )
            } else if property.matches("RECURRENCE-ID"), recurs {
                component.properties.append(replaced(property, with: recurrenceID))
                hasRecurrenceID = true
            } else {
                component.properties.append(utcConverted(property, resolver: resolver))
            }
        }
        if recurs, !hasRecurrenceID { component.properties.append(recurrenceID.makeProperty(name: "RECURRENCE-ID")) }
        return component
    }

    /// A component whose TZID values are turned into UTC.
    private static func utcConverted(_ source: Component, resolver: TimeZoneResolver) -> Component {
        var component = source
        component.properties = source.properties.map { utcConverted($0, resolver: resolver) }
        return component
    }

    /// A DATE-TIME property with a TZID, in UTC; any other property unchanged.
    private static func utcConverted(_ property: Property, resolver: TimeZoneResolver) -> Property {
        utcConverted(property, resolver: resolver) ?? property
    }

    /// A DATE-TIME property with a TZID the resolver knows, in UTC; nil for any other property.
    static func utcConverted(_ property: Property, resolver: TimeZoneResolver) -> Property? {
        guard let tzid = property.parameterValue("TZID"), let value = ICalDateTime(property: property),
            let zone = resolver.zone(forTZID: tzid)
        else { return nil }
        var converted = property
        converted.setParameter("TZID", values: nil)
        converted.value = CalendarTime.utcDateTime(zone.utc(fromLocal: CivilDateTime(value).timestamp)).valueText
        return converted
    }

    /// The property with `value` as its value, keeping its other parameters (RFC 5545 §3.2).
    static func replaced(_ property: Property, with value: ICalDateTime) -> Property {
        var property = property
        property.setParameter("TZID", values: nil)
        property.setParameter("VALUE", values: value.isDate ? ["DATE"] : nil)
        property.value = value.valueText
        return property
    }
}
