import Foundation

/// Reads over the object index: the candidates of a calendar query, and many objects at once for multiget
/// reports and collection export.
extension DataStore {
    /// The indexed objects of a collection, by name, with their content: only those of `component` (when given)
    /// whose span may overlap `[start, end]` (either bound optional). The span test is inclusive at both ends, so
    /// it returns a superset of the exact RFC 4791 §9.9 matches for the caller to check — except that objects with
    /// exact instances come with `exactRangeHit`: whether one of them overlaps `[start, end)` half-open (a
    /// zero-length one when `start <= instance < end`). Without `content` every object comes with empty inline
    /// content. Throws `.notFound` / `.notACollection` for a bad collection path.
    public func indexedObjects(
        in collectionPath: String,
        component: String? = nil,
        from start: Int64? = nil,
        to end: Int64? = nil,
        content withContent: Bool = true
    ) throws -> [(node: StoreNode, content: StoredContent, exactRangeHit: Bool?)] {
        try StorePath.validate(collectionPath)
        return try read { database throws(StoreError) in
            try database.readTransaction { () throws(StoreError) in
                let collection = try Self.collection(at: collectionPath, NodeRepository(database: database))
                let hit = """
                    CASE WHEN o.exact = 0 THEN NULL ELSE EXISTS (SELECT 1 FROM object_instances i
                        WHERE i.node_id = o.node_id AND i.start < ?2 AND (i.end > ?1 OR (i.start = i.end AND i.start >= ?1)))
                    END
                    """
                var sql = """
                    SELECT \(Self.prefixedColumns), \(withContent ? "n.content, n.blob_hash" : "NULL, NULL"), \(hit)
                    FROM object_index o JOIN nodes n ON n.id = o.node_id WHERE o.collection_id = ?3
                    """
                var values: [SQLValue] = [.int(start ?? .min), .int(end ?? .max), .int(collection.id)]
                if let component {
                    sql += " AND o.component = ?"
                    values.append(.text(component))
                }
                if let start {
                    sql += " AND o.span_end >= ?"
                    values.append(.int(start))
                }
                if let end {
                    sql += " AND o.span_start <= ?"
                    values.append(.int(end))
                }
                sql += " ORDER BY n.name"
                return try database.rows(sql, values) { row in
                    (NodeRepository.decode(row), content(of: row), row.optionalInt64(14).map { $0 != 0 })
                }
            }
        }
    }

    /// The resources among `names` in a collection, with their content, in one query (missing names and
    /// collections are left out).
    public func resources(named names: [String], in collectionPath: String) throws -> [(
        node: StoreNode, content: StoredContent
    )] {
        try StorePath.validate(collectionPath)
        let paths = names.map { collectionPath + "/" + $0 }
        let json = String(decoding: try JSONSerialization.data(withJSONObject: paths), as: UTF8.self)
        return try read { database throws(StoreError) in
            try database.rows(
                """
                SELECT \(Self.prefixedColumns), n.content, n.blob_hash FROM nodes n
                WHERE n.path IN (SELECT value FROM json_each(?)) AND n.collection_type IS NULL ORDER BY n.name
                """,
                [.text(json)]
            ) { row in (NodeRepository.decode(row), content(of: row)) }
        }
    }

    private static let prefixedColumns: String = {
        NodeRepository.columns.split(separator: ",").map { "n." + $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .joined(separator: ", ")
    }()

    private func content(of row: Statement) -> StoredContent {
        if let hash = row.optionalText(13) {
            return .file(path: blobs.path(forHash: hash), length: row.int64(8))
        }
        return .inline(row.blob(12))
    }
}
