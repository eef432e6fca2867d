public import MIMEDir

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
