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
        try database.run(
            "INSERT INTO contact_search (collection_id, node_id, terms) VALUES (?, ?, ?)",
            [.int(collectionID), .int(nodeID), .blob(ContactSearchTerms.encode(values))]
        )
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
            INSERT INTO contact_search (collection_id, node_id, terms)
            SELECT d.parent_id, d.id, c.terms FROM nodes s
            JOIN nodes d ON d.path = ?1 || substr(s.path, length(?2) + 1)
            JOIN contact_search c ON c.node_id = s.id
            WHERE s.path = ?2 OR (s.path > ?3 AND s.path < ?4)
            """,
            values
        )
    }
}
