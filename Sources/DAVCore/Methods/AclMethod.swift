import DAVXML
public import HTTPWire

/// ACL (RFC 3744 §8.1). Each resource carries only its protected ACE (see ``AccessControlProperties``), and no
/// other ACE may be added: a request that submits nothing but protected ACEs succeeds without change, any other
/// ACE is refused with 403 `DAV:limited-number-of-aces` (§8.1.1) and nothing changes. Synthesised resources are
/// read-only (403).
public struct AclMethod: MethodHandler {
    /// Creates the handler.
    public init() {}

    /// Serves ACL.
    public var method: HTTPMethod { "ACL" }

    /// Checks the submitted ACL against the fixed one.
    public func handle(_ request: DAVRequest, in context: DAVContext) throws -> HTTPResponse {
        guard let body = try context.readXMLBody(of: request), body.name == .dav("acl") else {
            throw DAVError(.badRequest, "The body of ACL must be a DAV:acl element (RFC 3744 §8.1).")
        }
        guard let resource = try context.backend.resource(at: request.path, as: request.principal) else {
            throw DAVError.notFound(request.path)
        }
        guard !resource.kind.isSynthesised else {
            throw DAVError(.forbidden, "The access control list of \(request.path) cannot be changed.")
        }
        let entries = body.elements.filter { $0.name == .dav("ace") }
        guard entries.count == body.elements.count else {
            throw DAVError(.badRequest, "DAV:acl may contain only DAV:ace elements (RFC 3744 §5.5).")
        }
        guard entries.allSatisfy({ $0.child(.dav("protected")) != nil }) else {
            throw DAVError(
                .forbidden,
                condition: .dav("limited-number-of-aces"),
                "Only the owner has access to \(request.path); this server keeps no other access control entries."
            )
        }
        return HTTPResponse(status: .ok)
    }
}
