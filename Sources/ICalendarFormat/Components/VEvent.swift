public import MIMEDir

/// A VEVENT (RFC 5545 §3.6.1).
public struct VEvent: CalendarComponentView {
    /// The wrapped component.
    public var component: Component

    /// Wraps a VEVENT component (RFC 5545 §3.6.1).
    public init(_ component: Component) {
        self.component = component
    }
}
