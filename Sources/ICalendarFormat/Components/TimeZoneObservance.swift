public import MIMEDir

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
    public var offsetFrom: UTCOffset? {
        component.property("TZOFFSETFROM").flatMap { UTCOffset.parse($0.value.trimmingSpaces) }
    }
    /// TZOFFSETTO (RFC 5545 §3.8.3.4).
    public var offsetTo: UTCOffset? {
        component.property("TZOFFSETTO").flatMap { UTCOffset.parse($0.value.trimmingSpaces) }
    }
    /// TZNAME values (RFC 5545 §3.8.3.2).
    public var names: [String] { component.properties("TZNAME").map { TextEscaping.unescape($0.value) } }
}
