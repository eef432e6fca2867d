public import DAVXML

/// The live properties the server knows, by name; built once at start-up from the core set and the protocol
/// layers' additions. Resolves a PROPFIND selection against one resource into propstat groups. A live property
/// with no value for a resource falls back to a dead one of the same name (`displayname` is live on principals,
/// dead elsewhere).
public struct PropertyRegistry: Sendable {
    private let properties: [XMLName: LiveProperty]
    private let order: [XMLName]

    /// Creates a registry; a later property with the same name replaces an earlier one.
    public init(_ properties: [LiveProperty]) {
        var table: [XMLName: LiveProperty] = [:]
        var order: [XMLName] = []
        for property in properties {
            if table[property.name] == nil { order.append(property.name) }
            table[property.name] = property
        }
        self.properties = table
        self.order = order
    }

    /// The live property with this name, if any.
    public func property(named name: XMLName) -> LiveProperty? { properties[name] }

    /// Whether answering `names` may need the resources' dead properties: some name is not a live property, or is
    /// one that is not protected (displayname), which a client may have stored as a dead property.
    public func mayNeedDeadProperties(_ names: [XMLName]) -> Bool {
        names.contains { properties[$0]?.isProtected != true }
    }

    /// Whether every one of `names` is a protected live property whose value comes from the resource's row alone
    /// (a text value) or from its kind alone, so that a listing of them changes only when the rows do
    /// (`ListingCacheKey`). Dead, unprotected (`displayname`) and other live properties (`lockdiscovery`, quota,
    /// principal properties) answer false.
    public func dependOnlyOnRows(_ names: [XMLName]) -> Bool {
        names.allSatisfy { name in
            guard let property = properties[name], property.isProtected else { return false }
            return property.textValue != nil || property.dependsOnlyOnKind
        }
    }

    /// Property values grouped by status for each of many resources (RFC 4918 §9.1), looking the requested live
    /// properties up once for the whole listing rather than once per resource.
    public func propstats(
        for resources: [DAVResource],
        selection: PropertySelection,
        deadProperties: [DAVPath: [XMLTree]],
        context: PropertyContext
    ) -> [[(status: Int, properties: [XMLTree])]] {
        guard case .properties(let names) = selection else {
            return resources.map {
                propstats(
                    for: $0,
                    selection: selection,
                    deadProperties: deadProperties[$0.path] ?? [],
                    context: context
                )
            }
        }
        let live = names.map { properties[$0] }
        return resources.map { resource in
            let dead = deadProperties[resource.path] ?? []
            var found: [XMLTree] = []
            var missing: [XMLTree] = []
            found.reserveCapacity(names.count)
            for (name, property) in zip(names, live) {
                if let value = property?.value(resource, context) {
                    found.append(value)
                } else if let value = dead.first(where: { $0.name == name }) {
                    found.append(value)
                } else {
                    missing.append(XMLTree(name))
                }
            }
            var groups: [(status: Int, properties: [XMLTree])] = []
            if !found.isEmpty { groups.append((200, found)) }
            if !missing.isEmpty { groups.append((404, missing)) }
            return groups
        }
    }

    /// Property values grouped by status for one resource (RFC 4918 §9.1: 200 found, 404 not found).
    public func propstats(
        for resource: DAVResource,
        selection: PropertySelection,
        deadProperties: [XMLTree],
        context: PropertyContext
    ) -> [(status: Int, properties: [XMLTree])] {
        var found: [XMLTree] = []
        var missing: [XMLTree] = []
        let dead = Dictionary(deadProperties.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        switch selection {
        case .properties(let names):
            for name in names {
                if let value = properties[name]?.value(resource, context) {
                    found.append(value)
                } else if let value = dead[name] {
                    found.append(value)
                } else {
                    missing.append(XMLTree(name))
                }
            }
        case .allProperties(let include):
            for name in order {
                guard let live = properties[name], live.inAllProp || include.contains(name) else { continue }
                if let value = live.value(resource, context) { found.append(value) }
            }
            found += deadProperties.filter { properties[$0.name]?.value(resource, context) == nil }
        case .propertyNames:
            for name in order where properties[name]?.value(resource, context) != nil {
                found.append(XMLTree(name))
            }
            found += deadProperties.filter { properties[$0.name]?.value(resource, context) == nil }.map {
                XMLTree($0.name)
            }
        }
        var groups: [(status: Int, properties: [XMLTree])] = []
        if !found.isEmpty { groups.append((200, found)) }
        if !missing.isEmpty { groups.append((404, missing)) }
        return groups
    }
}
