import DAVXML
public import HTTPWire

/// PROPPATCH (RFC 4918 §9.2): sets and removes dead properties atomically. If any instruction fails — a
/// protected live property (`DAV:cannot-modify-protected-property`, 403) — nothing is changed and every other
/// property is reported 424 Failed Dependency.
public struct ProppatchMethod: MethodHandler {
    /// Creates the handler.
    public init() {}

    /// Serves PROPPATCH.
    public var method: HTTPMethod { .proppatch }

    /// Applies the update and answers with a multistatus.
    public func handle(_ request: DAVRequest, in context: DAVContext) throws -> HTTPResponse {
        guard let body = try context.readXMLBody(of: request), body.name == .dav("propertyupdate") else {
            throw DAVError(.badRequest, "The body must be a DAV:propertyupdate element.")
        }
        guard try context.backend.resource(at: request.path, as: request.principal) != nil else {
            throw DAVError.notFound(request.path)
        }
        try context.checkLocks(forWriting: [.resource(request.path)], request: request)
        // Instructions apply in document order (RFC 4918 §9.2): the last one for a property wins.
        var finalState: [XMLName: XMLTree?] = [:]
        var order: [XMLName] = []
        for instruction in body.elements {
            let properties = instruction.child(.dav("prop"))?.elements ?? []
            for property in properties {
                // A dictionary look-up, not `order.contains`: ten thousand properties must not cost 10⁸ compares.
                if finalState.index(forKey: property.name) == nil { order.append(property.name) }
                switch instruction.name {
                case .dav("set"): finalState[property.name] = .some(property)
                case .dav("remove"): finalState[property.name] = .some(nil)
                default: throw DAVError(.badRequest, "Unknown instruction \(instruction.name) in DAV:propertyupdate.")
                }
            }
        }
        let toSet = order.compactMap { finalState[$0] ?? nil }
        let toRemove = order.filter { finalState[$0] == .some(nil) }
        let protected = order.filter { context.properties.property(named: $0)?.isProtected == true }
        var builder = MultistatusBuilder(namespaces: context.responseNamespaces)
        if protected.isEmpty {
            try context.backend.updateDeadProperties(
                at: request.path,
                set: toSet,
                remove: toRemove,
                as: request.principal
            )
            builder.addResponse(href: request.path.encoded, propstats: [(200, order.map { XMLTree($0) })])
        } else {
            let failed = order.filter { !protected.contains($0) }
            var groups: [(status: Int, properties: [XMLTree])] = [(403, protected.map { XMLTree($0) })]
            if !failed.isEmpty { groups.append((424, failed.map { XMLTree($0) })) }
            builder.addResponse(href: request.path.encoded, propstats: groups)
        }
        return builder.response()
    }
}
