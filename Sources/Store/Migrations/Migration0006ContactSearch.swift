import Foundation

extension Migration {
    /// Version 6: the contact search index (RFC 6352 §8.6 `addressbook-query` text-matches). One row per address
    /// object, clustered by address book, holding its searchable values as `terms` (see `ContactSearchTerms`): a
    /// query walks the few hundred bytes of folded values per card instead of reading and folding every card.
    /// A new card's row lands at the end of its address book's range (node ids grow), so a PUT dirties one page
    /// of the table and one of `contact_search_node`. The row is written in the transaction that writes the card,
    /// follows it through COPY and MOVE, and goes with its node (`ON DELETE CASCADE`).
    ///
    /// The cards already stored are indexed here, with `StoreOptions.contactSearchValues`.
    static let contactSearch = Migration(
        version: 6,
        statements: [
            """
            CREATE TABLE contact_search (
                collection_id INTEGER NOT NULL REFERENCES nodes(id) ON DELETE CASCADE,
                node_id INTEGER NOT NULL REFERENCES nodes(id) ON DELETE CASCADE,
                terms BLOB NOT NULL,
                PRIMARY KEY (collection_id, node_id)
            ) WITHOUT ROWID
            """,
            "CREATE INDEX contact_search_node ON contact_search(node_id)",
        ],
        backfill: { database, environment in try backfillContactSearch(database, environment) }
    )

    /// Indexes every object of every address book, a thousand at a time in node order.
    private static func backfillContactSearch(_ database: Database, _ environment: MigrationEnvironment) throws {
        let repository = ContactSearchRepository(database: database)
        var after: Int64 = 0
        while true {
            let batch = try database.rows(
                """
                SELECT o.node_id, o.collection_id, n.content, n.blob_hash FROM object_index o
                JOIN nodes n ON n.id = o.node_id JOIN nodes c ON c.id = o.collection_id
                WHERE c.collection_type = ? AND o.node_id > ? ORDER BY o.node_id LIMIT 1000
                """,
                [.text(CollectionType.addressBook.rawValue), .int(after)]
            ) { row in (node: row.int64(0), collection: row.int64(1), content: row.blob(2), hash: row.optionalText(3)) }
            guard let last = batch.last else { return }
            guard let values = environment.options.contactSearchValues else {
                throw StoreError.conflict("the contact search index of \(database.path) needs the vCard indexer")
            }
            for card in batch {
                let bytes =
                    try card.hash.map { try Self.blobBytes(environment.blobs.path(forHash: $0)) } ?? card.content
                try repository.replace(
                    values(bytes) ?? [],
                    nodeID: card.node,
                    collectionID: card.collection,
                    isNew: true
                )
            }
            after = last.node
        }
    }

    private static func blobBytes(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw StoreError.io("blob file \(path) is missing")
        }
        return Array(data)
    }
}
