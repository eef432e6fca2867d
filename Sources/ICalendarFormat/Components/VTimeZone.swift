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
