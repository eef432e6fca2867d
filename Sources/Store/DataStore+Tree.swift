import Foundation

extension DataStore {
    /// The node at `path`, or nil (one lookup on the unique path index).
    public func node(at path: String) throws -> StoreNode? {
        try StorePath.validate(path)
        return try read { database throws(StoreError) in try NodeRepository(database: database).node(at: path) }
    }

    /// The direct members of a collection, sorted by name (parent_id index). Throws
    /// `.notFound` if nothing is at `path`, `.notACollection` for a resource.
    public func children(of path: String) throws -> [StoreNode] {
        try StorePath.validate(path)
        return try read { database throws(StoreError) in
            try database.readTransaction { () throws(StoreError) in
                let nodes = NodeRepository(database: database)
                let parent = try Self.collection(at: path, nodes)
                return try nodes.children(ofID: parent.id)
            }
        }
    }

    /// Up to `limit` direct members of a collection whose names sort after `name` by their UTF-8 bytes, in that
    /// order (all from the first when `name` is nil): one page of a listing read in pages, each in its own read
    /// transaction, from the listing index alone. Throws like ``children(of:)``.
    public func members(of path: String, after name: String?, limit: Int) throws -> [StoreMember] {
        try StorePath.validate(path)
        return try read { database throws(StoreError) in
            try database.readTransaction { () throws(StoreError) in
                let nodes = NodeRepository(database: database)
                let parent = try Self.collection(at: path, nodes)
                return try nodes.members(ofID: parent.id, after: name, limit: limit)
            }
        }
    }

    /// The whole subtree below `path` (excluding the node itself), sorted by path
    /// (an index range scan). Throws `.notFound` if nothing is at `path`.
    public func descendants(of path: String) throws -> [StoreNode] {
        try StorePath.validate(path)
        return try read { database throws(StoreError) in
            try database.readTransaction { () throws(StoreError) in
                let nodes = NodeRepository(database: database)
                guard try nodes.node(at: path) != nil else { throw .notFound(path) }
                return try nodes.descendants(of: path)
            }
        }
    }

    /// The collection at `path`, or `.notFound` / `.notACollection`.
    static func collection(at path: String, _ nodes: NodeRepository) throws(StoreError) -> StoreNode {
        guard let node = try nodes.node(at: path) else { throw .notFound(path) }
        guard node.isCollection else { throw .notACollection(path) }
        return node
    }

    /// Creates a collection (RFC 4918 §9.3 MKCOL, RFC 4791 §5.3.1 MKCALENDAR) in one
    /// transaction and logs it in the parent's change log. Throws `.parentMissing` if the
    /// parent is absent or not a collection, `.alreadyExists` if the path is taken,
    /// `.conflict` for an invalid path or type `.home` (homes are made by `createUser`).
    /// `properties` are set on the new collection in the same transaction (RFC 5689
    /// extended MKCOL, RFC 4791 MKCALENDAR). `.quotaExceeded` when the owner already uses
    /// the whole `StoreOptions.userQuota`.
    public func createCollection(at path: String, type: CollectionType, properties: [DeadProperty] = [])
        throws -> StoreNode
    {
        try StorePath.validate(path)
        guard type != .home else { throw StoreError.conflict("only createUser makes home collections: \(path)") }
        defer { propertyCache.invalidate() }
        return try write { context in
            let parent = try context.parentCollection(of: path)
            guard try context.nodes.node(at: path) == nil else { throw StoreError.alreadyExists(path) }
            try requireFreeQuota(ofOwner: parent.ownerID, in: context)
            let now = Date()
            let id = try context.nodes.insertCollection(
                ownerID: parent.ownerID,
                parentID: parent.id,
                path: path,
                type: type,
                now: now
            )
            for property in properties {
                try context.properties.set(nodeID: id, property)
            }
            try context.changeLog.record(
                collectionID: parent.id,
                member: StorePath.name(of: path),
                deleted: false,
                now: now
            )
            return try context.existingNode(at: path)
        }
    }

    /// Creates or replaces a resource (RFC 4918 §9.7 PUT) with the bytes `read` yields.
    ///
    /// The body is read completely first — hashed, and spilled to a fsynced temp file
    /// above `inlineLimit` — before the write transaction starts. Inside the one
    /// transaction: `.parentMissing` if the parent is absent or not a collection; then
    /// `precondition` runs with the current node (nil if none) and may throw to abort
    /// (its error is rethrown unchanged; this makes If-Match / If-None-Match race-free);
    /// then `.notACollection` if the target is a collection. The change is logged in the
    /// parent. A replaced body's blob is removed after commit if unreferenced. If `read`
    /// throws, its error is rethrown and nothing is stored (no row, no temp file).
    /// `precondition` runs with the writer lock held: it must not call this store's write
    /// methods (that would deadlock); reads are fine. With an `index` entry the resource is
    /// indexed as a calendar or address object in the same transaction, which fails with
    /// `.uidConflict` when another member of the parent has its UID; without one any previous
    /// entry is dropped; the entry's `searchValues` replace the node's contact search rows.
    /// `.quotaExceeded` when the write grows the owner's usage past `StoreOptions.userQuota`. With an
    /// `expectedParentID` (the collection the caller validated the content for, perhaps from `knownCollection`),
    /// `.conflict` when another collection has taken that one's place (before the precondition runs).
    public func putResource(
        at path: String,
        contentType: String?,
        read: ContentReader,
        index: ObjectIndexEntry? = nil,
        expectedParentID: Int64? = nil,
        precondition: (StoreNode?) throws -> Void = { _ in }
    ) throws -> PutResult {
        try StorePath.validate(path)
        let body = try IncomingBody.receive(from: read, inlineLimit: options.inlineLimit, blobs: blobs)
        defer { body.discard() }
        return try store(
            body,
            at: path,
            contentType: contentType,
            index: index,
            expectedParentID: expectedParentID,
            precondition: precondition
        )
    }

    /// `putResource(at:contentType:read:…)` of a body already in memory, as a calendar or address object PUT
    /// has it: a body within `inlineLimit` is stored from `bytes` as it is, without another copy.
    public func putResource(
        at path: String,
        contentType: String?,
        bytes: [UInt8],
        index: ObjectIndexEntry? = nil,
        expectedParentID: Int64? = nil,
        precondition: (StoreNode?) throws -> Void = { _ in }
    ) throws -> PutResult {
        try StorePath.validate(path)
        let body = try IncomingBody.holding(bytes, inlineLimit: options.inlineLimit, blobs: blobs)
        defer { body.discard() }
        return try store(
            body,
            at: path,
            contentType: contentType,
            index: index,
            expectedParentID: expectedParentID,
            precondition: precondition
        )
    }

    /// The write transaction of `putResource`.
    private func store(
        _ body: IncomingBody,
        at path: String,
        contentType: String?,
        index: ObjectIndexEntry?,
        expectedParentID: Int64?,
        precondition: (StoreNode?) throws -> Void
    ) throws -> PutResult {
        try write(changingCollections: false) { context in
            let (current, parent) = try nodeAndParentCollection(at: path, expecting: expectedParentID, in: context)
            return try limitingUsage(ofOwner: parent.ownerID, in: context) {
                try precondition(current)
                if current?.isCollection == true { throw StoreError.notACollection(path) }
                if case .spilled(let temporaryPath, let hash, _) = body {
                    try blobs.install(temporaryPath: temporaryPath, hash: hash)
                    context.installedBlobs.insert(hash)
                }
                let now = Date()
                let id: Int64
                if let current {
                    if let old = try context.nodes.blobHash(ofID: current.id), old != body.hash {
                        context.releasedBlobs.insert(old)
                    }
                    try context.nodes.updateResource(id: current.id, contentType: contentType, body: body, now: now)
                    id = current.id
                } else {
                    id = try context.nodes.insertResource(
                        ownerID: parent.ownerID,
                        parentID: parent.id,
                        path: path,
                        contentType: contentType,
                        body: body,
                        now: now
                    )
                }
                try context.changeLog.record(
                    collectionID: parent.id,
                    member: StorePath.name(of: path),
                    deleted: false,
                    now: now
                )
                if let index {
                    try context.objectIndex.upsert(index, nodeID: id, collectionID: parent.id, isNew: current == nil)
                } else if current != nil {
                    try context.objectIndex.remove(nodeID: id)
                }
                try context.contactSearch.replace(
                    index?.searchValues ?? [],
                    nodeID: id,
                    collectionID: parent.id,
                    isNew: current == nil
                )
                let stamp = Date(timeIntervalSince1970: now.timeIntervalSince1970)
                let stored = StoreNode(
                    id: id,
                    ownerID: parent.ownerID,
                    parentID: parent.id,
                    path: path,
                    name: StorePath.name(of: path),
                    collectionType: nil,
                    etag: body.etag,
                    contentType: contentType,
                    contentLength: body.length,
                    created: current?.created ?? stamp,
                    modified: stamp,
                    syncRevision: current?.syncRevision ?? 0
                )
                return PutResult(node: stored, created: current == nil)
            }
        }
    }

    /// Deletes a resource or a whole collection tree (RFC 4918 §9.6) in one transaction,
    /// with its dead properties, change rows and locks, and logs a tombstone in the parent.
    /// `precondition` runs inside the transaction with the node and may throw to abort
    /// (rethrown unchanged). Throws `.notFound`, or `.conflict` for a home collection
    /// unless `allowHome` (then only the tree goes; the user row stays). Unreferenced
    /// blobs are removed after commit. Returns the deleted node. Like `putResource`'s,
    /// `precondition` must not call this store's write methods.
    @discardableResult
    public func delete(
        at path: String,
        allowHome: Bool = false,
        precondition: (StoreNode) throws -> Void = { _ in }
    ) throws -> StoreNode {
        try StorePath.validate(path)
        return try write { context in
            let node = try context.existingNode(at: path)
            try precondition(node)
            if node.collectionType == .home && !allowHome {
                throw StoreError.conflict("cannot delete home collection \(path)")
            }
            try context.deleteTree(path)
            if let parentID = node.parentID {
                try context.changeLog.record(
                    collectionID: parentID,
                    member: node.name,
                    deleted: true,
                    now: Date()
                )
            }
            return node
        }
    }

    /// Where the bytes of a resource are; nil for a collection or a missing path. If the
    /// blob file vanished between the lookup and the check (a concurrent replace unlinked
    /// it), the lookup is retried once; a blob still missing then throws `.io`.
    public func content(at path: String) throws -> (node: StoreNode, content: StoredContent)? {
        try StorePath.validate(path)
        for _ in 0..<2 {
            guard let (node, content) = try lookUpContent(at: path) else { return nil }
            guard case .file(let file, _) = content, access(file, F_OK) != 0 else {
                return (node, content)
            }
        }
        throw StoreError.io("blob file of \(path) is missing")
    }

    private func lookUpContent(at path: String) throws(StoreError) -> (StoreNode, StoredContent)? {
        try read { database throws(StoreError) in
            let statement = try database.statement(
                "SELECT \(NodeRepository.columns), content, blob_hash FROM nodes WHERE path = ?"
            )
            defer { statement.reset() }
            try statement.bind(path, at: 1)
            guard try statement.step() else { return nil }
            let node = NodeRepository.decode(statement)
            guard !node.isCollection else { return nil }
            if let hash = statement.optionalText(13) {
                return (node, .file(path: blobs.path(forHash: hash), length: node.contentLength))
            }
            return (node, .inline(statement.blob(12)))
        }
    }
}
