/// SQL for the contact search index (`Migration.contactSearch`). Write methods expect to run inside the caller's
/// transaction.
struct ContactSearchRepository {
    let database: Database

    /// Sets the searchable values of a node (replacing any previous ones; a node created in this transaction,
    /// `isNew`, has none to drop).
    func replace(
        _ values: [ContactSearchValue],
        nodeID: Int64,
        collectionID: Int64,
        isNew: Bool
    ) throws(StoreError) {
        if !isNew { try remove(nodeID: nodeID) }
        guard !values.isEmpty else { return }
        let insert = try database.statement(
            "INSERT OR IGNORE INTO contact_search (collection_id, name, value, node_id) VALUES (?, ?, ?, ?)"
        )
        for value in values {
            defer { insert.reset() }
            try insert.bind(collectionID, at: 1)
            try insert.bind(value.name, at: 2)
            try insert.bind(value.value, at: 3)
            try insert.bind(nodeID, at: 4)
            _ = try insert.step()
        }
    }

    /// Drops the values of a node.
    func remove(nodeID: Int64) throws(StoreError) {
        try database.run("DELETE FROM contact_search WHERE node_id = ?", [.int(nodeID)])
    }

    /// Re-homes a moved object's values to its new collection.
    func move(nodeID: Int64, to collectionID: Int64) throws(StoreError) {
        try database.run(
            "UPDATE contact_search SET collection_id = ? WHERE node_id = ?",
            [.int(collectionID), .int(nodeID)]
        )
    }

    /// Copies the values of a copied tree to the copies (`values`: destination root, source root and the source's
    /// subtree bounds, as `DataStore.copyRows` binds them).
    func copyTree(_ values: [SQLValue]) throws(StoreError) {
        try database.run(
            """
            INSERT INTO contact_search (collection_id, name, value, node_id)
            SELECT d.parent_id, c.name, c.value, d.id FROM nodes s
            JOIN nodes d ON d.path = ?1 || substr(s.path, length(?2) + 1)
            JOIN contact_search c ON c.node_id = s.id
            WHERE s.path = ?2 OR (s.path > ?3 AND s.path < ?4)
            """,
            values
        )
    }
}
