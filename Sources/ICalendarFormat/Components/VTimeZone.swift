public import MIMEDir

/// A VTIMEZONE (RFC 5545 §3.6.5) with its STANDARD and DAYLIGHT observances.
public struct VTimeZone: CalendarComponentView {
    /// The wrapped component.
    public var component: Component

    /// Wraps a VTIMEZONE component (RFC 5545 §3.6.5).
    public init(_ component: Component) {
        self.component = component
    }

    /// TZID (RFC 5545 §3.8.3.1), as written (not unescaped: TZIDs are matched literally).
    public var tzid: String? { component.property("TZID")?.value }
    /// TZURL (RFC 5545 §3.8.3.5).
    public var tzurl: String? { component.property("TZURL")?.value }
    /// STANDARD and DAYLIGHT subcomponents in source order (RFC 5545 §3.6.5).
    public var observances: [TimeZoneObservance] {
        component.components.compactMap(TimeZoneObservance.init)
    }
}

/// A STANDARD or DAYLIGHT sub-component of VTIMEZONE (RFC 5545 §3.6.5).
public struct TimeZoneObservance: CalendarComponentView {
    /// Which kind of observance (RFC 5545 §3.6.5 `standardc` / `daylightc`).
    public enum Kind: Sendable, Hashable {
        /// STANDARD.
        case standard
        /// DAYLIGHT.
        case daylight
    }

    /// The wrapped component.
    public var component: Component

    /// Wraps a STANDARD or DAYLIGHT component; nil for any other name (RFC 5545 §3.6.5).
    public init?(_ component: Component) {
        guard component.matches("STANDARD") || component.matches("DAYLIGHT") else { return nil }
        self.component = component
    }

    /// STANDARD or DAYLIGHT.
    public var kind: Kind { component.matches("DAYLIGHT") ? .daylight : .standard }
    /// TZOFFSETFROM (RFC 5545 §3.8.3.3).
    public var offsetFrom: UTCOffset? { component.property("TZOFFSETFROM").flatMap { UTCOffset.parse($0.value.trimmingSpaces) } }
    /// TZOFFSETTO (RFC 5545 §3.8.3.4).
    public var offsetTo: UTCOffset? { component.property("TZOFFSETTO").flatMap { UTCOffset.parse($0.value.trimmingSpaces) } }
    /// TZNAME values (RFC 5545 §3.8.3.2).
    public var names: [String] { component.properties("TZNAME").map { TextEscaping.unescape($0.value) } }
}

/// A VFREEBUSY (RFC 5545 §3.6.4).
public struct VFreeBusy: CalendarComponentView {
    /// One FREEBUSY period with its FBTYPE (RFC 5545 §3.8.2.6, §3.2.9).
    public struct BusyPeriod: Sendable, Hashable {
        /// FBTYPE, upper-cased, default `BUSY`.
        public var type: String
        /// The period.
        public var period: ICalPeriod
    }

    /// The wrapped component.
    public var component: Component

    /// Wraps a VFREEBUSY component (RFC 5545 §3.6.4).
    public init(_ component: Component) {
        self.component = component
    }

    /// All FREEBUSY periods; malformed ones are skipped (RFC 5545 §3.8.2.6).
    public var busyPeriods: [BusyPeriod] {
        component.properties("FREEBUSY").flatMap { property in
            let type = property.parameterValue("FBTYPE")?.uppercased() ?? "BUSY"
            return property.value.split(separator: ",").compactMap { text in
                ICalPeriod.parse(String(text).trimmingSpaces).map { BusyPeriod(type: type, period: $0) }
            }
        }
    }
}
