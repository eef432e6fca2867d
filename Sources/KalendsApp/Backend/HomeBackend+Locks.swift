import DAVCore
import DAVXML
import Foundation
import Store

/// Locks over the store's `locks` table, with the same rule as every other home access: a user locks, finds and
/// removes locks only inside their own home.
extension HomeBackend: LockBackend {
    func locks(along path: DAVPath, includingDescendants: Bool, as principal: Principal) throws -> [ActiveLock] {
        // Nothing outside the homes can be locked, so the DAV root and principals have no lockdiscovery entries.
        if SynthesisedResources.contains(path) { return [] }
        let location = try authorize(path, for: principal)
        return try mapErrors {
            try store.locks(along: location.storePath, includingDescendants: includingDescendants).map(Self.activeLock)
        }
    }

    func createLock(_ lock: ActiveLock, check: ([ActiveLock]) throws -> Void, as principal: Principal) throws {
        let location = try authorize(lock.root, for: principal)
        let record = LockRecord(
            token: lock.token,
            user: lock.principal.name,
            path: location.storePath,
            isDeep: lock.isDeep,
            isExclusive: lock.scope == .exclusive,
            ownerXML: lock.owner.map { String(decoding: XMLWriter.fragment($0), as: UTF8.self) },
            created: Date(timeIntervalSince1970: TimeInterval(lock.created)),
            expires: Date(timeIntervalSince1970: TimeInterval(lock.expires))
        )
        try mapErrors { try store.createLock(record) { existing in try check(existing.map(Self.activeLock)) } }
    }

    func refreshLock(token: String, expires: Int64, as principal: Principal) throws -> ActiveLock? {
        guard let current = try mapErrors({ try store.lock(token: token) }) else { return nil }
        _ = try authorize(Self.davPath(of: current), for: principal)
        let refreshed = try mapErrors {
            try store.refreshLock(token: token, expires: Date(timeIntervalSince1970: TimeInterval(expires)))
        }
        return refreshed.map(Self.activeLock)
    }

    func removeLock(token: String, as principal: Principal) throws -> Bool {
        guard let current = try mapErrors({ try store.lock(token: token) }) else { return false }
        _ = try authorize(Self.davPath(of: current), for: principal)
        return try mapErrors { try store.removeLock(token: token) }
    }

    /// The DAV view of a stored lock; an owner element that no longer parses is dropped.
    static func activeLock(_ record: LockRecord) -> ActiveLock {
        ActiveLock(
            token: record.token,
            root: davPath(of: record),
            isDeep: record.isDeep,
            scope: record.isExclusive ? .exclusive : .shared,
            owner: record.ownerXML.flatMap { try? XMLReader().parse(Array($0.utf8)) },
            principal: Principal(name: record.user),
            created: Int64(record.created.timeIntervalSince1970),
            expires: Int64(record.expires.timeIntervalSince1970.rounded(.up))
        )
    }

    /// `/dav/home/<store path>`, with a trailing slash for a collection.
    static func davPath(of record: LockRecord) -> DAVPath {
        let segments = URLSpace.homeRoot.segments + record.path.split(separator: "/").map(String.init)
        return DAVPath(segments: segments, trailingSlash: record.isCollection) ?? URLSpace.homeRoot
    }
}
