public import DAVXML

extension DAVContext {
    /// The propstat groups of each resource for a selection, with dead properties fetched in one backend call
    /// only when the selection may need them (RFC 4918 §9.1; shared by PROPFIND and every report).
    public func propstats(
        of resources: [DAVResource],
        selection: PropertySelection,
        as principal: Principal,
        locks: LockSnapshot = .empty
    ) throws -> [[(status: Int, properties: [XMLTree])]] {
        let needsDeadProperties: Bool =
            switch selection {
            case .properties(let names): properties.mayNeedDeadProperties(names)
            default: true
            }
        let dead = needsDeadProperties ? try backend.deadProperties(of: resources, as: principal) : [:]
        let propertyContext = PropertyContext(
            principal: principal,
            principalHref: principalHref(principal),
            locks: locks
        )
        return properties.propstats(
            for: resources,
            selection: selection,
            deadProperties: dead,
            context: propertyContext
        )
    }
}
