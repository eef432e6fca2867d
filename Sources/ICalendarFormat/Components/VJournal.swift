public import MIMEDir

/// A VJOURNAL (RFC 5545 §3.6.3).
public struct VJournal: CalendarComponentView {
    /// The wrapped component.
    public var component: Component

    /// Wraps a VJOURNAL component (RFC 5545 §3.6.3).
    public init(_ component: Component) {
        self.component = component
    }
}
