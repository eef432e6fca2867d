public import MIMEDir

/// An AVAILABLE subcomponent of VAVAILABILITY (RFC 7953 §3.1).
public struct VAvailable: CalendarComponentView {
    /// The wrapped component.
    public var component: Component

    /// Wraps an AVAILABLE component (RFC 7953 §3.1).
    public init(_ component: Component) {
        self.component = component
    }
}
