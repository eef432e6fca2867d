public import MIMEDir

/// A VTODO (RFC 5545 §3.6.2).
public struct VTodo: CalendarComponentView {
    /// The wrapped component.
    public var component: Component

    /// Wraps a VTODO component (RFC 5545 §3.6.2).
    public init(_ component: Component) {
        self.component = component
    }

    /// COMPLETED (RFC 5545 §3.8.2.1).
    public var completed: ICalDateTime? { dateTime("COMPLETED") }
    /// PERCENT-COMPLETE (RFC 5545 §3.8.1.8).
    public var percentComplete: Int? { component.property("PERCENT-COMPLETE").flatMap { Int($0.value.trimmingSpaces) } }
}
