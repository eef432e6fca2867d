public import HTTPWire

/// DELETE (RFC 9110 §9.3.5, RFC 4918 §9.6): removes a file or a whole collection tree in one transaction,
/// after If-Match / If-None-Match; 204 on success.
public struct DeleteMethod: MethodHandler {
    /// Creates the handler.
    public init() {}

    /// Serves DELETE.
    public var method: HTTPMethod { .delete }

    /// Deletes the target.
    public func handle(_ request: DAVRequest, in context: DAVContext) throws -> HTTPResponse {
        try context.checkLocks(forWriting: [.tree(request.path), .membership(of: request.path)], request: request)
        let headers = request.headers
        try context.backend.delete(
            at: request.path,
            precondition: { current in
                if ConditionalRequest.evaluate(headers, method: .delete, state: current.conditionalState) != .proceed {
                    throw DAVError.preconditionFailed
                }
            },
            as: request.principal
        )
        return HTTPResponse(status: .noContent)
    }
}
