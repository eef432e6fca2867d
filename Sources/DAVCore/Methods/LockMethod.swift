import DAVXML
public import HTTPWire

/// LOCK (RFC 4918 §9.10): takes a new write lock described by a `DAV:lockinfo` body, or, without a body,
/// refreshes the lock whose token the `If` header submits (§9.10.2).
///
/// A new lock: `Depth` 0 or infinity (the default; 1 is 400), `Timeout` capped by `LockManager.maxTimeout`,
/// 423 `DAV:no-conflicting-lock` when it conflicts. LOCK on an unmapped URL creates an empty resource and
/// answers 201 (§7.3, §9.10.4); that adds a member to the parent, so the parent's locks need their tokens.
/// The response carries `Lock-Token` and a `DAV:prop` with the new lock's `lockdiscovery` (§9.10.1).
/// A refresh answers 200 with the refreshed locks, or 412 when the `If` header names no lock on the URL.
public struct LockMethod: MethodHandler {
    /// Creates the handler.
    public init() {}

    /// Serves LOCK.
    public var method: HTTPMethod { .lock }

    /// Takes or refreshes a lock.
    public func handle(_ request: DAVRequest, in context: DAVContext) throws -> HTTPResponse {
        guard let manager = context.locks else {
            throw DAVError(.methodNotAllowed, "This server does not support locking.")
        }
        guard let body = try context.readXMLBody(of: request) else {
            return try refresh(request, manager: manager, in: context)
        }
        let info = try LockInfo(body)
        guard let depth = Depth.parse(request.headers, defaultValue: .infinity), depth != .one else {
            throw DAVError(.badRequest, "LOCK allows Depth: 0 or infinity only (RFC 4918 §9.10.3).")
        }
        let existing = try context.backend.resource(at: request.path, as: request.principal)
        try context.checkLocks(
            forWriting: existing == nil ? [.membership(of: request.path)] : [],
            request: request
        )
        let root = request.path.asCollection(existing?.isCollection ?? false)
        let lock = try manager.lock(
            root,
            isDeep: depth == .infinity,
            scope: info.scope,
            owner: info.owner,
            timeout: manager.grantedTimeout(request.headers),
            as: request.principal
        )
        var created = false
        if existing == nil {
            do {
                created = try context.backend.putFile(
                    at: root,
                    contentType: MediaTypes.guess(forName: root.lastSegment),
                    body: { _ in 0 },
                    precondition: { _ in },
                    as: request.principal
                ).created
            } catch {
                _ = try? manager.backend.removeLock(token: lock.token, as: request.principal)
                throw error
            }
        }
        var response = Self.response(created ? .created : .ok, locks: [lock], now: lock.created)
        response.headers.add(name: "Lock-Token", value: "<\(lock.token)>")
        return response
    }

    /// RFC 4918 §9.10.2: a LOCK without a body refreshes the locks on the URL whose tokens the `If` header
    /// submits, with the new `Timeout`.
    private func refresh(_ request: DAVRequest, manager: LockManager, in context: DAVContext) throws -> HTTPResponse {
        guard let header = try IfHeader.parse(request.headers) else {
            throw DAVError(.badRequest, "A LOCK without a body refreshes a lock and needs an If header with its token.")
        }
        let outcome = try IfHeaderEvaluation.evaluate(header, requestPath: request.path) { path in
            try context.ifHeaderState(of: path, as: request.principal)
        }
        let submitted = try manager.locks(covering: request.path, as: request.principal).filter {
            outcome.submittedTokens.contains($0.token) && $0.principal == request.principal
        }
        guard outcome.holds, !submitted.isEmpty else {
            throw DAVError(.preconditionFailed, "The If header submits no lock on \(request.path) to refresh.")
        }
        let now = manager.clock()
        let expires = now + manager.grantedTimeout(request.headers)
        let refreshed = try submitted.compactMap {
            try manager.backend.refreshLock(token: $0.token, expires: expires, as: request.principal)
        }
        return Self.response(.ok, locks: refreshed, now: now)
    }

    /// `<D:prop><D:lockdiscovery>…</D:lockdiscovery></D:prop>` (RFC 4918 §9.10.1).
    private static func response(_ status: HTTPStatus, locks: [ActiveLock], now: Int64) -> HTTPResponse {
        let discovery = XMLTree(.dav("lockdiscovery"), children: locks.map { .element($0.element(now: now)) })
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/xml; charset=utf-8")
        return HTTPResponse(
            status: status,
            headers: headers,
            body: .bytes(XMLWriter.document(XMLTree(.dav("prop"), children: [.element(discovery)])))
        )
    }
}
