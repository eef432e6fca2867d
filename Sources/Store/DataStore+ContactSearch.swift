import Foundation

/// The read over the contact search index (`Migration.contactSearch`): the candidates of an RFC 6352 §8.6
/// `addressbook-query`, found from the folded property values instead of every card's bytes.
extension DataStore {
    /// The objects of an address book that `query` selects, with their content, sorted by name (as SQLite's
    /// `BINARY` collation sorts). A superset of the filter's matches: the caller runs the exact filter on each.
    /// The selected rows are read by id (`CROSS JOIN` keeps SQLite from walking the whole collection on
    /// `nodes_listing` instead). Throws `.notFound` / `.notACollection` for a bad collection path.
    public func contactSearch(
        in collectionPath: String,
        matching query: ContactSearchQuery
    ) throws -> [(node: StoreNode, content: StoredContent)] {
        try StorePath.validate(collectionPath)
        return try read { database throws(StoreError) in
            try database.readTransaction { () throws(StoreError) in
                let collection = try Self.collection(at: collectionPath, NodeRepository(database: database))
                let selected = try ContactSearchReader(database: database, collectionID: collection.id).nodes(query)
                guard !selected.isEmpty else { return [] }
                let rows = try database.rows(
                    """
                    SELECT \(Self.searchColumns), n.content, n.blob_hash FROM json_each(?) j
                    CROSS JOIN nodes n ON n.id = j.value WHERE n.parent_id = ?
                    """,
                    [.text("[" + selected.map(String.init).joined(separator: ",") + "]"), .int(collection.id)]
                ) { row in
                    let content: StoredContent =
                        if let hash = row.optionalText(13) {
                            .file(path: blobs.path(forHash: hash), length: row.int64(8))
                        } else {
                            .inline(row.blob(12))
                        }
                    return (node: NodeRepository.decode(row), content: content)
                }
                return rows.sorted { $0.node.name.utf8.lexicographicallyPrecedes($1.node.name.utf8) }
            }
        }
    }

    private static let searchColumns: String = {
        NodeRepository.columns.split(separator: ",").map { "n." + $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .joined(separator: ", ")
    }()
}
