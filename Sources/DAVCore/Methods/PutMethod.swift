public import HTTPWire

/// PUT of a file (RFC 9110 §9.3.4, RFC 4918 §9.7): streams the body into the store, honours If-Match /
/// If-None-Match atomically, refuses a missing parent (409) and collections (405), and answers 201 or 204 with
/// the new strong ETag. A chunked body must have the length Finder announces in `X-Expected-Entity-Length`
/// (`ExpectedEntityLength`). Into a calendar or address book the body goes through that collection's
/// `ObjectContentPolicy` instead (RFC 4791 §5.3.2, RFC 6352 §6.3.2); when the backend knows that collection
/// (`KnownCollectionBackend`), nothing is read before the write transaction.
public struct PutMethod: MethodHandler {
    /// Creates the handler.
    public init() {}

    /// Serves PUT.
    public var method: HTTPMethod { .put }

    /// Stores the body.
    public func handle(_ request: DAVRequest, in context: DAVContext) throws -> HTTPResponse {
        if request.path.hasTrailingSlash, !request.path.segments.isEmpty {
            throw DAVError(.methodNotAllowed, "PUT needs a file name, not a collection path.")
        }
        let headers = request.headers
        let precondition: (DAVResource?) throws -> Void = { current in
            if let current, current.isCollection {
                throw DAVError(.methodNotAllowed, "\(request.path) is a collection.")
            }
            let state = current?.conditionalState ?? .missing
            if ConditionalRequest.evaluate(headers, method: .put, state: state) != .proceed {
                throw DAVError.preconditionFailed
            }
        }
        if let (collection, policy) = knownObjectCollection(for: request, in: context) {
            try checkLocks(ofUnreadTarget: request, in: context)
            let (resource, created) = try context.putObject(
                request,
                policy: policy,
                collection: collection,
                precondition: precondition
            )
            return Self.response(stored: resource, created: created)
        }
        let (current, parent) = try context.backend.resourceAndParent(at: request.path, as: request.principal)
        let exists = current != nil
        try context.checkLocks(
            forWriting: [.resource(request.path), exists ? nil : .membership(of: request.path)],
            request: request
        )
        let resource: DAVResource
        let created: Bool
        if let parent, let policy = context.objectPolicies[parent.kind] {
            (resource, created) = try context.putObject(
                request,
                policy: policy,
                collection: parent,
                precondition: precondition
            )
        } else {
            let contentType = request.headers["Content-Type"] ?? MediaTypes.guess(forName: request.path.lastSegment)
            let body = request.http.body
            let expected = try ExpectedEntityLength.of(request)
            var received: Int64 = 0
            (resource, created) = try context.backend.putFile(
                at: request.path,
                contentType: contentType,
                body: { buffer in
                    let count = try body.read(into: buffer)
                    received += Int64(count)
                    if count == 0, let expected, received != expected {
                        throw ExpectedEntityLength.mismatch(expected: expected, received: received)
                    }
                    return count
                },
                precondition: precondition,
                as: request.principal
            )
        }
        return Self.response(stored: resource, created: created)
    }

    /// 201 with the location, or 204, with the stored resource's validators.
    private static func response(stored resource: DAVResource, created: Bool) -> HTTPResponse {
        var headers = GetMethod.validators(of: resource)
        if created { headers.add(name: "Location", value: resource.path.encoded) }
        return HTTPResponse(status: created ? .created : .noContent, headers: headers)
    }

    /// The calendar or address book the request writes into, with its policy, when the backend knows it without
    /// a read (``KnownCollectionBackend``); nil sends the request the way that reads the target and its parent.
    private func knownObjectCollection(for request: DAVRequest, in context: DAVContext) -> (
        DAVResource, any ObjectContentPolicy
    )? {
        guard let parentPath = request.path.parent, let backend = context.backend as? any KnownCollectionBackend,
            let collection = backend.knownCollection(at: parentPath, as: request.principal),
            let policy = context.objectPolicies[collection.kind]
        else { return nil }
        return (collection, policy)
    }

    /// The lock check (RFC 4918 §7) without knowing whether the target exists. A new member also needs the tokens
    /// of the locks on its collection's membership (§7.4), so that stricter check comes first: when it passes, so
    /// would the exact one. Only when it fails is the target read, and an existing one checked as the resource
    /// alone — the outcome is the one a check that read the target first would have.
    private func checkLocks(ofUnreadTarget request: DAVRequest, in context: DAVContext) throws {
        do {
            try context.checkLocks(
                forWriting: [.resource(request.path), .membership(of: request.path)],
                request: request
            )
        } catch let error as DAVError where error.status == .locked {
            guard try context.backend.resource(at: request.path, as: request.principal) != nil else { throw error }
            try context.checkLocks(forWriting: [.resource(request.path)], request: request)
        }
    }
}
