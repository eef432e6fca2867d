public import HTTPWire

/// PUT of a file (RFC 9110 §9.3.4, RFC 4918 §9.7): streams the body into the store, honours If-Match /
/// If-None-Match atomically, refuses a missing parent (409) and collections (405), and answers 201 or 204 with
/// the new strong ETag. A chunked body must have the length Finder announces in `X-Expected-Entity-Length`
/// (`ExpectedEntityLength`). Into a calendar or address book the body goes through that collection's
/// `ObjectContentPolicy` instead (RFC 4791 §5.3.2, RFC 6352 §6.3.2).
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
        let (current, parent) = try context.backend.resourceAndParent(at: request.path, as: request.principal)
        let exists = current != nil
        try context.checkLocks(
            forWriting: [.resource(request.path), exists ? nil : .membership(of: request.path)],
            request: request
        )
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
        var responseHeaders = GetMethod.validators(of: resource)
        if created { responseHeaders.add(name: "Location", value: resource.path.encoded) }
        return HTTPResponse(status: created ? .created : .noContent, headers: responseHeaders)
    }
}
