public import DAVXML
public import HTTPWire

/// What MKCOL, extended MKCOL (RFC 5689 §3) and MKCALENDAR (RFC 4791 §5.3.1) share: the target must be unmapped
/// (405), its parent must exist (409) and must not be a calendar or address book (RFC 4791 §5.3.1
/// `calendar-collection-location-ok`, RFC 6352 §6.3.1 `addressbook-collection-location-ok`); properties given in
/// the body are set in the same transaction, protected live ones refused.
public enum CollectionCreation {
    /// Creates the collection at the request's path and answers 201.
    public static func create(
        _ request: DAVRequest,
        kind: ResourceKind,
        properties: [XMLTree],
        in context: DAVContext
    ) throws -> HTTPResponse {
        try context.checkLocks(forWriting: [.resource(request.path), .membership(of: request.path)], request: request)
        if try context.backend.resource(at: request.path, as: request.principal) != nil {
            throw DAVError(
                .methodNotAllowed,
                condition: .dav("resource-must-be-null"),
                "\(request.path) already exists."
            )
        }
        guard let parentPath = request.path.parent,
            let parent = try context.backend.resource(at: parentPath, as: request.principal), parent.isCollection
        else {
            throw DAVError(.conflict, "The parent collection of \(request.path) does not exist.")
        }
        if let condition = locationCondition(inside: parent.kind, creating: kind) {
            throw DAVError(.forbidden, condition: condition, "\(parent.path) cannot hold collections.")
        }
        let protected = properties.filter { context.properties.property(named: $0.name)?.isProtected == true }
        if let first = protected.first {
            throw DAVError(
                .forbidden,
                condition: .dav("cannot-modify-protected-property"),
                "\(first.name) cannot be set."
            )
        }
        let resource: DAVResource
        if kind == .folder, properties.isEmpty {
            resource = try context.backend.makeCollection(at: request.path, as: request.principal)
        } else {
            guard let backend = context.backend as? any ObjectBackend else {
                throw DAVError(.forbidden, "This server cannot create \(kind.rawValue) collections.")
            }
            resource = try backend.makeCollection(
                at: request.path,
                kind: kind,
                properties: properties,
                as: request.principal
            )
        }
        var headers = HTTPHeaders()
        headers.add(name: "Location", value: resource.path.encoded)
        headers.add(name: "Cache-Control", value: "no-cache")
        return HTTPResponse(status: .created, headers: headers)
    }

    /// The precondition violated by creating a collection inside one of `parentKind`, if any.
    static func locationCondition(inside parentKind: ResourceKind, creating kind: ResourceKind)
        -> DAVError.Condition?
    {
        switch parentKind {
        case .calendar: DAVError.Condition(namespace: Namespaces.calDAV, name: "calendar-collection-location-ok")
        case .addressBook:
            DAVError.Condition(namespace: Namespaces.cardDAV, name: "addressbook-collection-location-ok")
        default: nil
        }
    }

    /// The properties inside the `set/prop` elements of an extended MKCOL or MKCALENDAR body, in order.
    public static func properties(in body: XMLTree) -> [XMLTree] {
        body.children(named: .dav("set")).flatMap { $0.child(.dav("prop"))?.elements ?? [] }
    }
}
