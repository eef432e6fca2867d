/// SQL for dead properties (RFC 4918 §4). Write methods expect the caller's transaction.
struct PropertyRepository {
    let database: Database

    /// The properties of many nodes in one query (ids passed as a JSON array to
    /// `json_each`, so the statement text — and its cache entry — is constant).
    func properties(ofNodes ids: [Int64]) throws(StoreError) -> [Int64: [DeadProperty]] {
        guard !ids.isEmpty else { return [:] }
        let list = "[" + ids.map(String.init).joined(separator: ",") + "]"
        var result: [Int64: [DeadProperty]] = [:]
        try database.withStatement(
            """
            SELECT node_id, namespace, name, xml FROM dead_properties
            WHERE node_id IN (SELECT value FROM json_each(?)) ORDER BY node_id, namespace, name
            """,
            [.text(list)]
        ) { row throws(StoreError) in
            while try row.step() {
                result[row.int64(0), default: []].append(
                    DeadProperty(namespace: row.text(1), name: row.text(2), xml: row.text(3))
                )
            }
        }
        return result
    }

    /// Inserts or replaces one property.
    func set(nodeID: Int64, _ property: DeadProperty) throws(StoreError) {
        try database.run(
            """
            INSERT INTO dead_properties (node_id, namespace, name, xml) VALUES (?, ?, ?, ?)
            ON CONFLICT (node_id, namespace, name) DO UPDATE SET xml = excluded.xml
            """,
            [.int(nodeID), .text(property.namespace), .text(property.name), .text(property.xml)]
        )
    }

    /// Removes one property (absent is not an error, RFC 4918 §14.23).
    func remove(nodeID: Int64, namespace: String, name: String) throws(StoreError) {
        try database.run(
            "DELETE FROM dead_properties WHERE node_id = ? AND namespace = ? AND name = ?",
            [.int(nodeID), .text(namespace), .text(name)]
        )
    }
}
