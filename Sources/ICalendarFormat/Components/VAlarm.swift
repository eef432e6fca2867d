public import MIMEDir

/// A VALARM (RFC 5545 §3.6.6).
public struct VAlarm: CalendarComponentView {
    /// When an alarm fires (RFC 5545 §3.8.6.3).
    public enum Trigger: Sendable, Hashable {
        /// A duration relative to the start (or, with `RELATED=END`, the end) of the parent.
        case relative(ICalDuration, relatedToEnd: Bool)
        /// An absolute UTC date-time.
        case absolute(ICalDateTime)
    }

    /// The wrapped component.
    public var component: Component

    /// Wraps a VALARM component (RFC 5545 §3.6.6).
    public init(_ component: Component) {
        self.component = component
    }

    /// ACTION, upper-cased (RFC 5545 §3.8.6.1).
    public var action: String? { component.property("ACTION").map { $0.value.trimmingSpaces.uppercased() } }
    /// TRIGGER (RFC 5545 §3.8.6.3); nil if absent or malformed.
    public var trigger: Trigger? {
        guard let property = component.property("TRIGGER") else { return nil }
        let isDateTime = property.parameterValue("VALUE").map { NameComparison.equal($0, "DATE-TIME") } ?? false
        if isDateTime { return ICalDateTime(property: property).map(Trigger.absolute) }
        let text = property.value.trimmingSpaces
        guard let duration = ICalDuration.parse(text) else {
            return ICalDateTime.parse(text).flatMap { $0.isUTC ? Trigger.absolute($0) : nil }
        }
        let related = property.parameterValue("RELATED").map { NameComparison.equal($0, "END") } ?? false
        return .relative(duration, relatedToEnd: related)
    }
    /// REPEAT, 0 when absent (RFC 5545 §3.8.6.2).
    public var repeatCount: Int { component.property("REPEAT").flatMap { Int($0.value.trimmingSpaces) } ?? 0 }
}
