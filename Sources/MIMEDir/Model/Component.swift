/// A component (RFC 5545 §3.4/§3.6, RFC 6350 §3.3): `BEGIN:name`, properties, nested components, `END:name`.
///
/// Unknown and X- components are kept as they are. Equality ignores ``line``.
public struct Component: Sendable {
    /// The component name as written after `BEGIN:` (RFC 5545 §3.6), e.g. `VEVENT`.
    public var name: String
    /// The properties in source order (RFC 5545 §3.6).
    public var properties: [Property]
    /// The nested components in source order (RFC 5545 §3.6).
    public var components: [Component]
    /// The 1-based line of the `BEGIN` line, or 0 if built in code.
    public var line: Int

    /// Creates a component (RFC 5545 §3.6).
    public init(name: String, properties: [Property] = [], components: [Component] = [], line: Int = 0) {
        self.name = name
        self.properties = properties
        self.components = components
        self.line = line
    }

    /// Whether the component's name equals `name`, ignoring ASCII case (RFC 5545 §2).
    @inlinable
    public func matches(_ name: String) -> Bool {
        ASCII.caseInsensitiveEquals(self.name, name)
    }

    /// The first property named `name` (case-insensitive), if any (RFC 5545 §3.1).
    @inlinable
    public func property(_ name: String) -> Property? {
        properties.withUnsafeBufferPointer { properties in
            for index in properties.indices where ASCII.caseInsensitiveEquals(properties[index].name, name) {
                return properties[index]
            }
            return nil
        }
    }

    /// All properties named `name` (case-insensitive), in order (RFC 5545 §3.1).
    @inlinable
    public func properties(_ name: String) -> [Property] {
        properties.withUnsafeBufferPointer { properties in
            var found: [Property] = []
            for index in properties.indices where ASCII.caseInsensitiveEquals(properties[index].name, name) {
                found.append(properties[index])
            }
            return found
        }
    }

    /// All direct subcomponents named `name` (case-insensitive), in order (RFC 5545 §3.6).
    @inlinable
    public func components(_ name: String) -> [Component] {
        components.withUnsafeBufferPointer { components in
            var found: [Component] = []
            for index in components.indices where ASCII.caseInsensitiveEquals(components[index].name, name) {
                found.append(components[index])
            }
            return found
        }
    }

    /// Removes every property named `name` (RFC 5545 §3.1).
    public mutating func removeProperties(_ name: String) {
        properties.removeAll { $0.matches(name) }
    }

    /// Replaces the properties named `name` by `property`, keeping the position of the first (RFC 5545 §3.1).
    public mutating func setProperty(_ property: Property) {
        let index = properties.firstIndex { $0.matches(property.name) }
        properties.removeAll { $0.matches(property.name) }
        properties.insert(property, at: min(index ?? properties.count, properties.count))
    }
}

extension Component: Hashable {
    /// Equality over name, properties and subcomponents; source lines are ignored (RFC 5545 §3.6).
    public static func == (lhs: Component, rhs: Component) -> Bool {
        lhs.name == rhs.name && lhs.properties == rhs.properties && lhs.components == rhs.components
    }

    /// Hashes name, properties and subcomponents (RFC 5545 §3.6).
    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(properties)
        hasher.combine(components)
    }
}
