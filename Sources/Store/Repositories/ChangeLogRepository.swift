import Foundation

/// SQL for the per-collection change log (RFC 6578 §3). Write methods expect to run
/// inside the caller's transaction.
struct ChangeLogRepository {
    let database: Database

    /// Bumps the collection's sync revision by one (never backwards), touches its
    /// modification time, and upserts the member's row with the new revision, read from the collection's row by the
    /// INSERT itself. (`UPDATE … RETURNING` would buffer the row in an ephemeral table, which costs more.)
    func record(collectionID: Int64, member: String, deleted: Bool, now: Date) throws(StoreError) {
        let updated = try database.run(
            "UPDATE nodes SET sync_revision = sync_revision + 1, modified = ? WHERE id = ?",
            [.double(now.timeIntervalSince1970), .int(collectionID)]
        )
        guard updated == 1 else { throw .notFound("collection #\(collectionID)") }
        try database.run(
            """
            INSERT INTO changes (collection_id, name, revision, deleted)
            SELECT id, ?, sync_revision, ? FROM nodes WHERE id = ?
            ON CONFLICT (collection_id, name)
            DO UPDATE SET revision = excluded.revision, deleted = excluded.deleted
            """,
            [.text(member), .int(deleted ? 1 : 0), .int(collectionID)]
        )
    }

    /// All rows with a revision above `revision`, tombstones included, oldest first.
    func changes(collectionID: Int64, after revision: Int64) throws(StoreError) -> [ChangeRecord] {
        try database.rows(
            """
            SELECT name, revision, deleted FROM changes
            WHERE collection_id = ? AND revision > ? ORDER BY revision, name
            """,
            [.int(collectionID), .int(revision)]
        ) { ChangeRecord(name: $0.text(0), revision: $0.int64(1), deleted: $0.int64(2) != 0) }
    }

    /// Every current member with the revision of its last change (0 if never logged),
    /// by name: the answer to an initial sync (no token).
    func currentMembers(collectionID: Int64) throws(StoreError) -> [ChangeRecord] {
        try database.rows(
            """
            SELECT n.name, COALESCE(c.revision, 0) FROM nodes n
            LEFT JOIN changes c ON c.collection_id = n.parent_id AND c.name = n.name
            WHERE n.parent_id = ? ORDER BY n.name
            """,
            [.int(collectionID)]
        ) { ChangeRecord(name: $0.text(0), revision: $0.int64(1), deleted: false) }
    }
}
