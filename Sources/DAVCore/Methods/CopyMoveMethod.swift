public import HTTPWire

/// COPY and MOVE (RFC 4918 §9.8, §9.9), done by the server without re-uploading: whole trees with their dead
/// properties, honouring `Overwrite` (412 when F and the target exists), 201 for a new target, 204 for a
/// replaced one, 409 when the destination's parent is missing, 403 for a destination equal to or inside the
/// source. MOVE accepts only `Depth: infinity`; COPY also `Depth: 0` (the collection without its members). Into a
/// calendar or address book the destination's object policy applies (`CopyMoveMethod+ObjectPolicy.swift`).
public struct CopyMoveMethod: MethodHandler {
    /// `.copy` or `.move`.
    public let method: HTTPMethod

    /// Creates the handler for COPY or MOVE.
    public init(method: HTTPMethod) { self.method = method }

    /// Copies or moves the resource.
    public func handle(_ request: DAVRequest, in context: DAVContext) throws -> HTTPResponse {
        let destination = try TransferHeaders.destination(request.headers)
        let overwrite = try TransferHeaders.overwrite(request.headers)
        guard let depth = Depth.parse(request.headers, defaultValue: .infinity), depth != .one,
            method == .copy || depth == .infinity
        else { throw DAVError(.badRequest, "\(method) allows Depth: infinity\(method == .copy ? " or 0" : "") only.") }
        if destination == request.path || destination.isDescendant(of: request.path) {
            throw DAVError(.forbidden, "The destination is the source or inside it.")
        }
        let sourceTargets: [WriteTarget?] = method == .move ? [.tree(request.path), .membership(of: request.path)] : []
        try context.checkLocks(
            forWriting: sourceTargets + [.tree(destination), .membership(of: destination)],
            request: request
        )
        guard let source = try context.backend.resource(at: request.path, as: request.principal) else {
            throw DAVError.notFound(request.path)
        }
        if ConditionalRequest.evaluate(request.headers, method: method, state: source.conditionalState) != .proceed {
            throw DAVError.preconditionFailed
        }
        let existing = try context.backend.resource(at: destination, as: request.principal)
        if existing != nil, !overwrite {
            throw DAVError(.preconditionFailed, "\(destination) exists and Overwrite is F.")
        }
        let created: Bool
        if case .reindex(let bytes, let contentType, let summary) = try objectTransfer(
            of: source,
            to: destination,
            request: request,
            context: context
        ) {
            created = try reindex(
                bytes,
                contentType: contentType,
                summary: summary,
                to: destination,
                request: request,
                context: context
            )
        } else {
            created = try context.backend.transfer(
                from: request.path,
                to: destination,
                move: method == .move,
                shallow: depth == .zero,
                as: request.principal
            )
        }
        var headers = HTTPHeaders()
        if created { headers.add(name: "Location", value: destination.asCollection(source.isCollection).encoded) }
        return HTTPResponse(status: created ? .created : .noContent, headers: headers)
    }
}
