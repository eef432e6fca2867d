import Foundation

/// A read over a collection's objects that tests each object's stored bytes in place before building its row,
/// for queries whose prefilter rejects most objects (RFC 6352 §10.5.4 text-matches).
extension DataStore {
    /// The objects (non-collection members) of a collection whose inline content passes `admits`, with their
    /// content, sorted by name; objects kept in blob files are returned untested. In a calendar or address book
    /// these are the indexed objects, since every object there is stored with its index row. Throws `.notFound`
    /// / `.notACollection` for a bad collection path.
    public func objects(
        in collectionPath: String,
        admitting admits: (UnsafeRawBufferPointer) -> Bool
    ) throws -> [(node: StoreNode, content: StoredContent)] {
        try StorePath.validate(collectionPath)
        return try read { database throws(StoreError) in
            try database.readTransaction { () throws(StoreError) in
                let collection = try Self.collection(at: collectionPath, NodeRepository(database: database))
                return try database.withStatement(Self.scanSQL, [.int(collection.id)]) { row throws(StoreError) in
                    var result: [(node: StoreNode, content: StoredContent)] = []
                    while try row.step() {
                        if let hash = row.optionalText(13) {
                            let content = StoredContent.file(path: blobs.path(forHash: hash), length: row.int64(8))
                            result.append((NodeRepository.decode(row), content))
                        } else if row.withBytes(12, admits) {
                            result.append((NodeRepository.decode(row), .inline(row.blob(12))))
                        }
                    }
                    return result
                }
            }
        }
    }

    /// Walks the collection's members in name order on the index over `(parent_id, name)`, so no sorter holds the
    /// content and no index row is looked up per member.
    private static let scanSQL: String = {
        let columns = NodeRepository.columns.split(separator: ",").map {
            "n." + $0.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return """
            SELECT \(columns.joined(separator: ", ")), n.content, n.blob_hash
            FROM nodes n WHERE n.parent_id = ? AND n.collection_type IS NULL ORDER BY n.name
            """
    }()
}
