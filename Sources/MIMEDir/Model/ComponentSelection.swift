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
