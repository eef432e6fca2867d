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

/// A VJOURNAL (RFC 5545 §3.6.3).
public struct VJournal: CalendarComponentView {
    /// The wrapped component.
    public var component: Component

    /// Wraps a VJOURNAL component (RFC 5545 §3.6.3).
    public init(_ component: Component) {
        self.component = component
    }
}

/// A VAVAILABILITY (RFC 7953 §3.1) with its AVAILABLE subcomponents.
public struct VAvailability: CalendarComponentView {
    /// The wrapped component.
    public var component: Component

    /// Wraps a VAVAILABILITY component (RFC 7953 §3.1).
    public init(_ component: Component) {
        self.component = component
    }

    /// BUSYTYPE, upper-cased, default `BUSY-UNAVAILABLE` (RFC 7953 §3.2).
    public var busyType: String { component.property("BUSYTYPE")?.value.uppercased() ?? "BUSY-UNAVAILABLE" }
    /// PRIORITY, 0 (undefined) when absent (RFC 5545 §3.8.1.9).
    public var priority: Int { component.property("PRIORITY").flatMap { Int($0.value) } ?? 0 }
    /// AVAILABLE subcomponents (RFC 7953 §3.1).
    public var available: [VAvailable] { component.components("AVAILABLE").map(VAvailable.init) }
}

/// An AVAILABLE subcomponent of VAVAILABILITY (RFC 7953 §3.1).
public struct VAvailable: CalendarComponentView {
    /// The wrapped component.
    public var component: Component

    /// Wraps an AVAILABLE component (RFC 7953 §3.1).
    public init(_ component: Component) {
        self.component = component
    }
}
