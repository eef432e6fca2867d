/// A property parameter (RFC 5545 §3.2, RFC 6350 §5): a name and one or more values.
///
/// Values are stored decoded: surrounding DQUOTEs removed and RFC 6868 caret escapes
/// (`^n`, `^'`, `^^`) resolved. The name keeps the case it was written in; compare names
/// with ``matches(_:)``.
public struct Parameter: Sendable, Hashable {
    /// The parameter name as written (RFC 5545 §3.1 `param-name`).
    public var name: String
    /// The decoded values, in order (RFC 5545 §3.2: `param-value *("," param-value)`).
    public var values: [String]

    /// Creates a parameter (RFC 5545 §3.2).
    public init(name: String, values: [String]) {
        self.name = name
        self.values = values
    }

    /// Creates a single-valued parameter (RFC 5545 §3.2).
    public init(name: String, value: String) {
        self.init(name: name, values: [value])
    }

    /// The values joined with commas, as a single string (RFC 5545 §3.2).
    @inlinable
    public var value: String {
        values.count == 1 ? values[0] : values.joined(separator: ",")
    }

    /// Whether this parameter's name equals `name`, ignoring ASCII case (RFC 5545 §2).
    @inlinable
    public func matches(_ name: String) -> Bool {
        ASCII.caseInsensitiveEquals(self.name, name)
    }
}
