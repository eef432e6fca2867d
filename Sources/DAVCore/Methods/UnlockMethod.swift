public import HTTPWire

/// UNLOCK (RFC 4918 §9.11): removes the lock named by the `Lock-Token` header. The request URI must be in the
/// lock's scope, else 409 `DAV:lock-token-matches-request-uri`; only the principal who took the lock may remove
/// it (403). 204 on success; 400 without a `Lock-Token` header.
public struct UnlockMethod: MethodHandler {
    /// Creates the handler.
    public init() {}

    /// Serves UNLOCK.
    public var method: HTTPMethod { .unlock }

    /// Removes the lock.
    public func handle(_ request: DAVRequest, in context: DAVContext) throws -> HTTPResponse {
        guard let manager = context.locks else {
            throw DAVError(.methodNotAllowed, "This server does not support locking.")
        }
        guard let field = request.headers["Lock-Token"]?.trimmingHTTPWhitespace(), field.count > 2,
            field.hasPrefix("<"), field.hasSuffix(">")
        else { throw DAVError(.badRequest, "UNLOCK needs a Lock-Token header: <token>.") }
        let token = String(field.dropFirst().dropLast())
        let covering = try manager.locks(covering: request.path, as: request.principal)
        guard let lock = covering.first(where: { $0.token == token }) else {
            throw DAVError(
                .conflict,
                condition: .dav("lock-token-matches-request-uri"),
                "No lock with token \(token) includes \(request.path)."
            )
        }
        guard lock.principal == request.principal else {
            throw DAVError(.forbidden, "Only \(lock.principal.name), who took the lock, may remove it.")
        }
        _ = try manager.backend.removeLock(token: token, as: request.principal)
        return HTTPResponse(status: .noContent)
    }
}
