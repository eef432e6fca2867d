import Foundation

/// SQL for the `nodes` table. Every method runs on the connection it is given; write
/// methods expect to be inside the caller's transaction.
struct NodeRepository {
    let database: Database

    /// The columns `decode` reads, in order.
    static let columns = """
        id, owner_id, parent_id, path, name, collection_type, etag, content_type, \
        content_length, created, modified, sync_revision
        """

    /// Reads a node from columns 0…11 laid out as in `columns`.
    static func decode(_ row: Statement) -> StoreNode {
        let id = row.int64(0)
        let type = row.optionalText(5).map(CollectionType.init(rawValue:))
        let revision = row.int64(11)
        return StoreNode(
            id: id,
            ownerID: row.int64(1),
            parentID: row.optionalInt64(2),
            path: row.text(3),
            name: row.text(4),
            collectionType: type,
            etag: type == nil ? row.text(6) : collectionETag(id: id, revision: revision),
            contentType: row.optionalText(7),
            contentLength: row.int64(8),
            created: Date(timeIntervalSince1970: row.double(9)),
            modified: Date(timeIntervalSince1970: row.double(10)),
            syncRevision: revision
        )
    }

    /// A collection's ETag: changes with every sync revision, unique per node id.
    static func collectionETag(id: Int64, revision: Int64) -> String {
        "c\(String(id, radix: 16))-\(String(revision, radix: 16))"
    }

    /// The node at `path` (one lookup on the unique path index).
    func node(at path: String) throws(StoreError) -> StoreNode? {
        let statement = try database.statement("SELECT \(Self.columns) FROM nodes WHERE path = ?")
        defer { statement.reset() }
        try statement.bind(path, at: 1)
        return try statement.step() ? Self.decode(statement) : nil
    }

    /// The nodes at `path` and at `parentPath` (nil where nothing is), in one query on the unique path index.
    func nodeAndParent(at path: String, parentPath: String) throws(StoreError) -> (node: StoreNode?, parent: StoreNode?)
    {
        let found = try database.rows(
            """
            SELECT \(Self.columns) FROM nodes WHERE path = ?1
            UNION ALL SELECT \(Self.columns) FROM nodes WHERE path = ?2
            """,
            [.text(path), .text(parentPath)],
            Self.decode
        )
        return (found.first { $0.path == path }, found.first { $0.path == parentPath })
    }

    /// The direct members of a collection, sorted by name (parent_id index).
    func children(ofID id: Int64) throws(StoreError) -> [StoreNode] {
        try database.rows(
            "SELECT \(Self.columns) FROM nodes WHERE parent_id = ? ORDER BY name",
            [.int(id)],
            Self.decode
        )
    }

    /// Up to `limit` direct members of a collection whose names sort after `name` (byte order), by name: one range
    /// of the listing index, which holds every column read, so no row of the table is touched.
    func members(ofID id: Int64, after name: String?, limit: Int) throws(StoreError) -> [StoreMember] {
        guard let name else {
            return try database.rows(
                "SELECT \(Self.memberColumns) FROM nodes WHERE parent_id = ? ORDER BY name LIMIT ?",
                [.int(id), .int(Int64(limit))],
                { Self.decodeMember($0) }
            )
        }
        return try database.rows(
            "SELECT \(Self.memberColumns) FROM nodes WHERE parent_id = ? AND name > ? ORDER BY name LIMIT ?",
            [.int(id), .text(name), .int(Int64(limit))],
            { Self.decodeMember($0) }
        )
    }

    /// The columns `decodeMember` reads, in order: those of the listing index.
    static let memberColumns = """
        id, name, collection_type, etag, content_type, content_length, created, modified, sync_revision
        """

    /// Reads a member from columns 0…8 laid out as in `memberColumns`; its media type is `previousContentType`
    /// itself when equal (one `String` for a read of many members of one type).
    static func decodeMember(_ row: Statement, previousContentType: String? = nil) -> StoreMember {
        let id = row.int64(0)
        let type = row.optionalText(2).map(CollectionType.init(rawValue:))
        let revision = row.int64(8)
        return StoreMember(
            id: id,
            name: row.text(1),
            collectionType: type,
            etag: type == nil ? row.text(3) : collectionETag(id: id, revision: revision),
            contentType: row.optionalText(4, reusing: previousContentType),
            contentLength: row.int64(5),
            created: Date(timeIntervalSince1970: row.double(6)),
            modified: Date(timeIntervalSince1970: row.double(7)),
            syncRevision: revision
        )
    }

    /// Every node strictly below `path`, sorted by path (range scan on the path index).
    func descendants(of path: String) throws(StoreError) -> [StoreNode] {
        let bounds = StorePath.subtreeBounds(path)
        return try database.rows(
            "SELECT \(Self.columns) FROM nodes WHERE path > ? AND path < ? ORDER BY path",
            [.text(bounds.lower), .text(bounds.upper)],
            Self.decode
        )
    }

    /// Inserts a collection row; returns its id.
    func insertCollection(
        ownerID: Int64,
        parentID: Int64?,
        path: String,
        type: CollectionType,
        now: Date
    ) throws(StoreError) -> Int64 {
        try database.run(
            """
            INSERT INTO nodes (owner_id, parent_id, name, path, collection_type, etag,
                content_length, created, modified, sync_revision)
            VALUES (?, ?, ?, ?, ?, '', 0, ?, ?, 0)
            """,
            [
                .int(ownerID), parentID.map(SQLValue.int) ?? .null, .text(StorePath.name(of: path)),
                .text(path), .text(type.rawValue), .double(now.timeIntervalSince1970),
                .double(now.timeIntervalSince1970),
            ]
        )
        return database.lastInsertRowID
    }

    /// Inserts a resource row holding `body` (inline bytes or a blob reference); returns its id.
    func insertResource(
        ownerID: Int64,
        parentID: Int64,
        path: String,
        contentType: String?,
        body: IncomingBody,
        now: Date
    ) throws(StoreError) -> Int64 {
        let (content, hash) = Self.storage(of: body)
        try database.run(
            """
            INSERT INTO nodes (owner_id, parent_id, name, path, collection_type, etag,
                content_type, content_length, created, modified, content, blob_hash)
            VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .int(ownerID), .int(parentID), .text(StorePath.name(of: path)), .text(path),
                .text(body.etag), contentType.map(SQLValue.text) ?? .null, .int(body.length),
                .double(now.timeIntervalSince1970), .double(now.timeIntervalSince1970), content, hash,
            ]
        )
        return database.lastInsertRowID
    }

    /// Replaces a resource's body and media type.
    func updateResource(id: Int64, contentType: String?, body: IncomingBody, now: Date) throws(StoreError) {
        let (content, hash) = Self.storage(of: body)
        try database.run(
            """
            UPDATE nodes SET etag = ?, content_type = ?, content_length = ?, modified = ?,
                content = ?, blob_hash = ? WHERE id = ?
            """,
            [
                .text(body.etag), contentType.map(SQLValue.text) ?? .null, .int(body.length),
                .double(now.timeIntervalSince1970), content, hash, .int(id),
            ]
        )
    }

    private static func storage(of body: IncomingBody) -> (content: SQLValue, hash: SQLValue) {
        switch body {
        case .inline(let bytes, _): return (.blob(bytes), .null)
        case .spilled(_, let hash, _): return (.null, .text(hash))
        }
    }

    /// The distinct blob hashes referenced by `path` and its subtree.
    func blobHashes(inTree path: String) throws(StoreError) -> [String] {
        let bounds = StorePath.subtreeBounds(path)
        return try database.rows(
            """
            SELECT DISTINCT blob_hash FROM nodes WHERE blob_hash IS NOT NULL
                AND (path = ? OR (path > ? AND path < ?))
            """,
            [.text(path), .text(bounds.lower), .text(bounds.upper)]
        ) { $0.text(0) }
    }

    /// The blob hash of one node, nil if inline or a collection.
    func blobHash(ofID id: Int64) throws(StoreError) -> String? {
        try database.firstRow("SELECT blob_hash FROM nodes WHERE id = ?", [.int(id)]) {
            $0.optionalText(0)
        } ?? nil
    }

    /// Deletes `path` and its whole subtree (properties and change rows cascade).
    func deleteTree(_ path: String) throws(StoreError) {
        let bounds = StorePath.subtreeBounds(path)
        try database.run(
            "DELETE FROM nodes WHERE path = ? OR (path > ? AND path < ?)",
            [.text(path), .text(bounds.lower), .text(bounds.upper)]
        )
    }

    /// Whether any node references the blob.
    func isBlobReferenced(_ hash: String) throws(StoreError) -> Bool {
        try database.firstRow("SELECT 1 FROM nodes WHERE blob_hash = ? LIMIT 1", [.text(hash)]) { _ in
            true
        } ?? false
    }

    /// Every blob hash referenced by some node.
    func referencedBlobHashes() throws(StoreError) -> Set<String> {
        Set(try database.rows("SELECT DISTINCT blob_hash FROM nodes WHERE blob_hash IS NOT NULL") { $0.text(0) })
    }
}
