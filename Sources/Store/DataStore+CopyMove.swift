import Foundation

extension DataStore {
    /// Copies a resource or a whole tree with its dead properties (RFC 4918 §9.8) in one
    /// transaction. If `destination` exists: `.alreadyExists` unless `overwrite`, in which
    /// case it is deleted first in the same transaction. Throws `.notFound` (source),
    /// `.parentMissing` (destination parent absent or not a collection), `.conflict` if
    /// one path lies inside the other. Copied blobs are shared by hash (no byte copy);
    /// copied collections get new ids (hence new ETags) but keep their change logs; a
    /// copied home collection becomes `.plain`. Logs the change in the destination parent.
    /// `.quotaExceeded` when the copy grows the owner's usage past `StoreOptions.userQuota`.
    public func copy(from source: String, to destination: String, overwrite: Bool) throws -> PutResult {
        try transfer(from: source, to: destination, overwrite: overwrite, isMove: false)
    }

    /// Moves (renames) a resource or a whole tree (RFC 4918 §9.9) in one transaction,
    /// keeping node ids, collection types, properties and change logs; descendants' paths
    /// are rewritten by one UPDATE. Locks rooted in the moved tree are removed, not moved
    /// (RFC 4918 §7.7). Same errors and overwrite rules as `copy`, plus
    /// `.conflict` for moving a home collection. Logs a tombstone in the source parent and
    /// the change in the destination parent.
    public func move(from source: String, to destination: String, overwrite: Bool) throws -> PutResult {
        try transfer(from: source, to: destination, overwrite: overwrite, isMove: true)
    }

    private func transfer(from source: String, to destination: String, overwrite: Bool, isMove: Bool) throws
        -> PutResult
    {
        try StorePath.validate(source)
        try StorePath.validate(destination)
        defer { propertyCache.invalidate() }
        guard source != destination, !StorePath.isInside(destination, source), !StorePath.isInside(source, destination)
        else { throw StoreError.conflict("cannot \(isMove ? "move" : "copy") \(source) to \(destination)") }
        return try write { context in
            let node = try context.existingNode(at: source)
            if isMove && node.collectionType == .home {
                throw StoreError.conflict("cannot move home collection \(source)")
            }
            let parent = try context.parentCollection(of: destination)
            let existed = try context.nodes.node(at: destination) != nil
            return try limitingUsage(ofOwner: parent.ownerID, in: context) {
                if existed {
                    guard overwrite else { throw StoreError.alreadyExists(destination) }
                    try context.deleteTree(destination)
                }
                let now = Date()
                if isMove {
                    try moveRows(context.database, node: node, to: destination, parent: parent)
                    try context.objectIndex.move(nodeID: node.id, to: parent.id)
                    try context.contactSearch.move(nodeID: node.id, to: parent.id)
                    try context.locks.removeTree(source)
                    if let oldParent = node.parentID {
                        try context.changeLog.record(
                            collectionID: oldParent,
                            member: node.name,
                            deleted: true,
                            now: now
                        )
                    }
                } else {
                    try copyRows(context.database, from: source, to: destination, parent: parent, now: now)
                }
                try context.changeLog.record(
                    collectionID: parent.id,
                    member: StorePath.name(of: destination),
                    deleted: false,
                    now: now
                )
                return PutResult(node: try context.existingNode(at: destination), created: !existed)
            }
        }
    }

    /// Re-parents the root and rewrites every descendant's path prefix in one statement.
    private func moveRows(_ database: Database, node: StoreNode, to destination: String, parent: StoreNode) throws {
        try database.run(
            "UPDATE nodes SET parent_id = ?, name = ?, path = ?, owner_id = ? WHERE id = ?",
            [
                .int(parent.id), .text(StorePath.name(of: destination)), .text(destination), .int(parent.ownerID),
                .int(node.id),
            ]
        )
        let bounds = StorePath.subtreeBounds(node.path)
        try database.run(
            """
            UPDATE nodes SET path = ?1 || substr(path, length(?2) + 1), owner_id = ?3
            WHERE path > ?4 AND path < ?5
            """,
            [.text(destination), .text(node.path), .int(parent.ownerID), .text(bounds.lower), .text(bounds.upper)]
        )
    }

    /// Copies the root, then all descendants (parent ids fixed up by path), then their
    /// properties and change logs — five statements regardless of the tree's size.
    private func copyRows(
        _ database: Database,
        from source: String,
        to destination: String,
        parent: StoreNode,
        now: Date
    ) throws {
        let bounds = StorePath.subtreeBounds(source)
        let target = StorePath.subtreeBounds(destination)
        let time = SQLValue.double(now.timeIntervalSince1970)
        try database.run(
            """
            INSERT INTO nodes (owner_id, parent_id, name, path, collection_type, etag, content_type,
                content_length, created, modified, content, blob_hash, sync_revision)
            SELECT ?1, ?2, ?3, ?4,
                CASE collection_type WHEN 'home' THEN 'plain' ELSE collection_type END,
                etag, content_type, content_length, ?5, ?5, content, blob_hash, sync_revision
            FROM nodes WHERE path = ?6
            """,
            [
                .int(parent.ownerID), .int(parent.id), .text(StorePath.name(of: destination)), .text(destination), time,
                .text(source),
            ]
        )
        try database.run(
            """
            INSERT INTO nodes (owner_id, parent_id, name, path, collection_type, etag, content_type,
                content_length, created, modified, content, blob_hash, sync_revision)
            SELECT ?1, NULL, name, ?2 || substr(path, length(?3) + 1), collection_type, etag,
                content_type, content_length, ?4, ?4, content, blob_hash, sync_revision
            FROM nodes WHERE path > ?5 AND path < ?6 ORDER BY path
            """,
            [.int(parent.ownerID), .text(destination), .text(source), time, .text(bounds.lower), .text(bounds.upper)]
        )
        try database.run(
            """
            UPDATE nodes SET parent_id = (SELECT p.id FROM nodes p
                WHERE p.path = substr(nodes.path, 1, length(nodes.path) - length(nodes.name) - 1))
            WHERE path > ?1 AND path < ?2
            """,
            [.text(target.lower), .text(target.upper)]
        )
        let values: [SQLValue] = [.text(destination), .text(source), .text(bounds.lower), .text(bounds.upper)]
        try database.run(
            """
            INSERT INTO dead_properties (node_id, namespace, name, xml)
            SELECT d.id, p.namespace, p.name, p.xml FROM nodes s
            JOIN nodes d ON d.path = ?1 || substr(s.path, length(?2) + 1)
            JOIN dead_properties p ON p.node_id = s.id
            WHERE s.path = ?2 OR (s.path > ?3 AND s.path < ?4)
            """,
            values
        )
        try copyIndexRows(database, values: values)
        try database.run(
            """
            INSERT INTO changes (collection_id, name, revision, deleted)
            SELECT d.id, c.name, c.revision, c.deleted FROM nodes s
            JOIN nodes d ON d.path = ?1 || substr(s.path, length(?2) + 1)
            JOIN changes c ON c.collection_id = s.id
            WHERE s.path = ?2 OR (s.path > ?3 AND s.path < ?4)
            """,
            values
        )
    }

    /// Copies the object index entries and contact search values of a copied tree; a copied object whose UID its
    /// new collection already holds throws `.uidConflict`.
    private func copyIndexRows(_ database: Database, values: [SQLValue]) throws {
        let clash = try database.firstRow(
            """
            SELECT n.path FROM nodes s
            JOIN nodes d ON d.path = ?1 || substr(s.path, length(?2) + 1)
            JOIN object_index o ON o.node_id = s.id
            JOIN object_index t ON t.collection_id = d.parent_id AND t.uid = o.uid
            JOIN nodes n ON n.id = t.node_id
            WHERE s.path = ?2 OR (s.path > ?3 AND s.path < ?4)
            LIMIT 1
            """,
            values
        ) { $0.text(0) }
        if let clash { throw StoreError.uidConflict(existing: clash) }
        try database.run(
            """
            INSERT INTO object_index
                (node_id, collection_id, uid, component, span_start, span_end, exact, longest_instance, longest_gap)
            SELECT d.id, d.parent_id, o.uid, o.component, o.span_start, o.span_end, o.exact, o.longest_instance,
                o.longest_gap
            FROM nodes s
            JOIN nodes d ON d.path = ?1 || substr(s.path, length(?2) + 1)
            JOIN object_index o ON o.node_id = s.id
            WHERE s.path = ?2 OR (s.path > ?3 AND s.path < ?4)
            """,
            values
        )
        try database.run(
            """
            INSERT INTO object_instances (node_id, start, end)
            SELECT d.id, i.start, i.end FROM nodes s
            JOIN nodes d ON d.path = ?1 || substr(s.path, length(?2) + 1)
            JOIN object_instances i ON i.node_id = s.id
            WHERE s.path = ?2 OR (s.path > ?3 AND s.path < ?4)
            """,
            values
        )
        try ContactSearchRepository(database: database).copyTree(values)
    }
}
