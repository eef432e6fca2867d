import DAVCore
import Store

extension HomeBackend: SyncBackend {
    /// The store's change log of the collection (RFC 6578 §3).
    func changes(in collection: DAVPath, since revision: Int64?, as principal: Principal) throws -> MemberChanges {
        let location = try authorize(collection, for: principal)
        let found = try mapErrors { try store.changes(in: location.storePath, since: revision) }
        return MemberChanges(
            revision: found.revision,
            changes: found.changes.map {
                MemberChanges.Change(name: $0.name, revision: $0.revision, deleted: $0.deleted)
            }
        )
    }
}
