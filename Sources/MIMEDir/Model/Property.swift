/// A content line (RFC 5545 §3.1, RFC 6350 §3.3): optional group, name, parameters and raw value.
///
/// The value is kept exactly as written (escapes intact) so that unknown properties round-trip
/// byte for byte; typed views decode it. Equality ignores ``line``.
public struct Property: Sendable {
    /// The group prefix (RFC 6350 §3.3 `group "."`), e.g. `item1` in `item1.EMAIL`.
    public var group: String?
    /// The property name as written (RFC 5545 §3.1 `name`), case preserved.
    public var name: String
    /// The ordered parameters (RFC 5545 §3.2); a name may repeat.
    public var parameters: [Parameter]
    /// The raw value text after the colon (RFC 5545 §3.1 `value`), unfolded but not unescaped.
    public var value: String
    /// The 1-based physical line the content line started on, or 0 if built in code.
    public var line: Int

    /// Creates a property (RFC 5545 §3.1).
    public init(group: String? = nil, name: String, parameters: [Parameter] = [], value: String, line: Int = 0) {
        self.group = group
        self.name = name
        self.parameters = parameters
        self.value = value
        self.line = line
    }

    /// Whether the property's name equals `name`, ignoring ASCII case (RFC 5545 §2).
    @inlinable
    public func matches(_ name: String) -> Bool {
        ASCII.caseInsensitiveEquals(self.name, name)
    }

    /// The first parameter named `name` (case-insensitive), if any (RFC 5545 §3.2).
    @inlinable
    public func parameter(_ name: String) -> Parameter? {
        parameters.first { $0.matches(name) }
    }

    /// The joined value of the first parameter named `name`, if any (RFC 5545 §3.2).
    @inlinable
    public func parameterValue(_ name: String) -> String? {
        parameter(name)?.value
    }

    /// Replaces all parameters named `name` with one carrying `values`, or removes them when nil (RFC 5545 §3.2).
    public mutating func setParameter(_ name: String, values: [String]?) {
        let index = parameters.firstIndex { $0.matches(name) }
        parameters.removeAll { $0.matches(name) }
        guard let values else { return }
        parameters.insert(Parameter(name: name, values: values), at: min(index ?? parameters.count, parameters.count))
    }
}

extension Property: Hashable {
    /// Equality over group, name, parameters and value; the source line is ignored (RFC 5545 §3.1).
    public static func == (lhs: Property, rhs: Property) -> Bool {
        lhs.name == rhs.name && lhs.value == rhs.value && lhs.group == rhs.group && lhs.parameters == rhs.parameters
    }

    /// Hashes group, name, parameters and value (RFC 5545 §3.1).
    public func hash(into hasher: inout Hasher) {
        hasher.combine(group)
        hasher.combine(name)
        hasher.combine(parameters)
        hasher.combine(value)
    }
}
