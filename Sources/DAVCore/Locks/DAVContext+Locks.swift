import DAVXML
import HTTPWire

extension DAVContext {
    /// The check every write method makes before it changes anything (RFC 4918 §7, §10.4):
    ///
    /// 1. An `If` header is evaluated against the resources it names, with or without locking: 412 Precondition
    ///    Failed when no list holds; 400 when it is malformed.
    /// 2. Every unexpired lock protecting a target must have its token submitted: named without `Not` in a list of
    ///    the `If` header that holds, by the principal who took the lock. Otherwise 423 Locked with
    ///    `DAV:lock-token-submitted` naming the lock roots (RFC 4918 §16).
    ///
    /// One lock query per target that is not an ancestor of another (the locks along a path include those of
    /// its ancestors), plus one resource and one lock query per resource the `If` header names.
    public func checkLocks(forWriting targets: [WriteTarget?], request: DAVRequest) throws {
        var distinct: [WriteTarget] = []
        for target in targets.compactMap({ $0 }) where !distinct.contains(target) { distinct.append(target) }
        let header = try IfHeader.parse(request.headers)
        var protecting: [ActiveLock] = []
        if let locks {
            let queried = distinct.filter { target in
                target.includesDescendants
                    || !distinct.contains { $0 != target && $0.path.isDescendant(of: target.path) }
            }
            for target in queried {
                let found = try locks.backend.locks(
                    along: target.path,
                    includingDescendants: target.includesDescendants,
                    as: request.principal
                )
                for lock in found
                where !protecting.contains(lock) && distinct.contains(where: { $0.isProtected(by: lock) }) {
                    protecting.append(lock)
                }
            }
        }
        var submitted: Set<String> = []
        if let header {
            let outcome = try IfHeaderEvaluation.evaluate(header, requestPath: request.path) { path in
                try ifHeaderState(of: path, as: request.principal)
            }
            guard outcome.holds else {
                throw DAVError(.preconditionFailed, "No list of the If header holds (RFC 4918 §10.4).")
            }
            submitted = outcome.submittedTokens
        }
        let missing = protecting.filter { !submitted.contains($0.token) || $0.principal != request.principal }
        guard missing.isEmpty else {
            var roots: [String] = []
            for lock in missing where !roots.contains(lock.root.encoded) { roots.append(lock.root.encoded) }
            throw DAVError(
                .locked,
                condition: .dav("lock-token-submitted", hrefs: roots),
                "\(request.path) is locked; submit the lock token in an If header."
            )
        }
    }

    /// The entity tag and lock tokens of a resource an `If` list names; a resource the principal may not see,
    /// or that is outside the served tree, has no state (RFC 4918 §10.4.4: as if unmapped).
    func ifHeaderState(of path: DAVPath, as principal: Principal) throws -> IfHeaderEvaluation.ResourceState {
        do {
            let etag = try backend.resource(at: path, as: principal)?.etag
            let tokens = try locks?.locks(covering: path, as: principal).map(\.token) ?? []
            return IfHeaderEvaluation.ResourceState(etag: etag, lockTokens: Set(tokens))
        } catch let error as DAVError where error.status == .forbidden || error.status == .notFound {
            return .absent
        }
    }

    /// The locks a PROPFIND response may report in `lockdiscovery`: read only when the selection can include it
    /// (allprop, or `lockdiscovery` by name), with the locks below the request URI when `depth` is not 0.
    public func lockSnapshot(
        for request: DAVRequest,
        depth: Depth,
        selection: PropertySelection
    ) throws -> LockSnapshot {
        guard let locks else { return .empty }
        switch selection {
        case .properties(let names) where !names.contains(.dav("lockdiscovery")): return .empty
        case .propertyNames: return .empty
        default: break
        }
        let found = try locks.backend.locks(
            along: request.path,
            includingDescendants: depth != .zero,
            as: request.principal
        )
        return LockSnapshot(locks: found, now: locks.clock())
    }
}
