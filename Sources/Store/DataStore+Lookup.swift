extension DataStore {
    /// The node at `path` and the one at its parent path (nil where nothing is, and for a top-level path's
    /// parent), in one query on the unique path index: the two look-ups a PUT (RFC 4918 §9.7) starts with.
    public func nodeAndParent(at path: String) throws -> (node: StoreNode?, parent: StoreNode?) {
        try StorePath.validate(path)
        guard let parentPath = StorePath.parent(of: path) else { return (try node(at: path), nil) }
        let found = try read { database throws(StoreError) in
            try database.rows(
                """
                SELECT \(NodeRepository.columns) FROM nodes WHERE path = ?1
                UNION ALL SELECT \(NodeRepository.columns) FROM nodes WHERE path = ?2
                """,
                [.text(path), .text(parentPath)],
                NodeRepository.decode
            )
        }
        return (found.first { $0.path == path }, found.first { $0.path == parentPath })
    }
}
