/// Which components and properties to keep when returning partial data
/// (RFC 4791 §9.6 CALDAV:calendar-data `comp`/`prop`, RFC 6352 §10.4 CARDDAV:address-data `prop`).
public struct ComponentSelection: Sendable, Hashable {
    /// Which properties of a component to keep (RFC 4791 §9.6.1 `allprop` / `prop`).
    public enum Properties: Sendable, Hashable {
        /// Keep every property (`allprop`, or no `prop` element).
        case all
        /// Keep only the named properties; `novalue` ones keep name and parameters with an empty value.
        case named([PropertySelection])
    }

    /// Which subcomponents to keep (RFC 4791 §9.6.1 `allcomp` / `comp`).
    public enum Components: Sendable, Hashable {
        /// Keep every subcomponent as is (`allcomp`).
        case all
        /// Keep only the listed subcomponents, each filtered by its own selection.
        case named([ComponentSelection])
    }

    /// The component name this selection applies to (case-insensitive), e.g. `VCALENDAR`.
    public var name: String
    /// The properties to keep.
    public var properties: Properties
    /// The subcomponents to keep.
    public var components: Components

    /// Creates a selection (RFC 4791 §9.6.1).
    public init(name: String, properties: Properties = .all, components: Components = .all) {
        self.name = name
        self.properties = properties
        self.components = components
    }
}

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

extension Component {
    /// This component reduced to what `selection` asks for (RFC 4791 §9.6); unselected children are dropped.
    public func selecting(_ selection: ComponentSelection) -> Component {
        var result = Component(name: name, line: line)
        switch selection.properties {
        case .all:
            result.properties = properties
        case .named(let wanted):
            for property in properties {
                guard let choice = wanted.first(where: { property.matches($0.name) }) else { continue }
                var kept = property
                if choice.noValue { kept.value = "" }
                result.properties.append(kept)
            }
        }
        switch selection.components {
        case .all:
            result.components = components
        case .named(let wanted):
            for child in components {
                guard let choice = wanted.first(where: { child.matches($0.name) }) else { continue }
                result.components.append(child.selecting(choice))
            }
        }
        return result
    }
}
