/// One property kept by a ``ComponentSelection`` (RFC 4791 §9.6.4 CALDAV:prop, RFC 6352 §10.4.2).
public struct PropertySelection: Sendable, Hashable {
    /// The property name (case-insensitive).
    public var name: String
    /// When true, the property is returned without its value (RFC 4791 §9.6.4 `novalue="yes"`).
    public var noValue: Bool

    /// Creates a property selection (RFC 4791 §9.6.4).
    public init(name: String, noValue: Bool = false) {
        self.name = name
        self.noValue = noValue
    }
}
