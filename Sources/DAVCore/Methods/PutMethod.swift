public import HTTPWire

/// PUT of a file (RFC 9110 §9.3.4, RFC 4918 §9.7): streams the body into the store, honours If-Match /
/// If-None-Match atomically, refuses a missing parent (409) and collections (405), and answers 201 or 204 with
/// the new strong ETag.
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
        let exists = try context.backend.resource(at: request.path, as: request.principal) != nil
        try context.checkLocks(
            forWriting: [.resource(request.path), exists ? nil : .membership(of: request.path)],
            request: request
        )
        let contentType = request.headers["Content-Type"] ?? MediaTypes.guess(forName: request.path.lastSegment)
        let headers = request.headers
        let body = request.http.body
        let (resource, created) = try context.backend.putFile(
            at: request.path,
            contentType: contentType,
            body: { try body.read(into: $0) },
            precondition: { current in
                if let current, current.isCollection {
                    throw DAVError(.methodNotAllowed, "\(request.path) is a collection.")
                }
                let state = current?.conditionalState ?? .missing
                if ConditionalRequest.evaluate(headers, method: .put, state: state) != .proceed {
                    throw DAVError.preconditionFailed
                }
            },
            as: request.principal
        )
        var responseHeaders = GetMethod.validators(of: resource)
        if created { responseHeaders.add(name: "Location", value: resource.path.encoded) }
        return HTTPResponse(status: created ? .created : .noContent, headers: responseHeaders)
    }
}
