import Foundation

extension DataStore {
    /// The dead properties of many nodes in one query, keyed by node id (nodes without
    /// properties are absent), each list sorted by namespace and name. Those of a single node come from
    /// `PropertyCache` when it has them.
    public func deadProperties(ofNodes ids: [Int64]) throws -> [Int64: [DeadProperty]] {
        guard ids.count == 1, let id = ids.first else {
            return try read { database throws(StoreError) in
                try PropertyRepository(database: database).properties(ofNodes: ids)
            }
        }
        if let cached = propertyCache.properties(of: id) { return cached.isEmpty ? [:] : [id: cached] }
        let generation = propertyCache.generation
        let found = try read { database throws(StoreError) in
            try PropertyRepository(database: database).properties(ofNodes: ids)
        }
        propertyCache.store(found[id] ?? [], of: id, since: generation)
        return found
    }

    /// Sets and removes dead properties of one node atomically (RFC 4918 §9.2 PROPPATCH:
    /// all or nothing) in one transaction; sets are applied first, then removals.
    /// Properties do not change the ETag, but the change is logged in the parent
    /// collection's change log (RFC 6578 §3: property changes count). Throws `.notFound`.
    public func updateDeadProperties(
        at path: String,
        set: [DeadProperty],
        remove: [(namespace: String, name: String)]
    ) throws {
        try StorePath.validate(path)
        defer { propertyCache.invalidate() }
        try write { context in
            let node = try context.existingNode(at: path)
            for property in set {
                try context.properties.set(nodeID: node.id, property)
            }
            for key in remove {
                try context.properties.remove(nodeID: node.id, namespace: key.namespace, name: key.name)
            }
            if let parentID = node.parentID {
                try context.changeLog.record(collectionID: parentID, member: node.name, deleted: false, now: Date())
            }
        }
    }

    /// A collection's change log (RFC 6578 §3). With `since == nil`: every current member
    /// (no tombstones) with the revision of its last change, by name. Otherwise every row
    /// with a revision above `since`, tombstones included, oldest first. `revision` is the
    /// collection's current sync revision; a `since` above it cannot come from this
    /// collection (RFC 6578 §3.2 valid-sync-token), which callers should check. Throws
    /// `.notFound` / `.notACollection`.
    public func changes(in collectionPath: String, since revision: Int64?) throws -> ChangeSet {
        try StorePath.validate(collectionPath)
        return try read { database throws(StoreError) in
            try database.readTransaction { () throws(StoreError) in
                let collection = try Self.collection(at: collectionPath, NodeRepository(database: database))
                let log = ChangeLogRepository(database: database)
                let records: [ChangeRecord]
                if let revision {
                    records = try log.changes(collectionID: collection.id, after: revision)
                } else {
                    records = try log.currentMembers(collectionID: collection.id)
                }
                return ChangeSet(revision: collection.syncRevision, changes: records)
            }
        }
    }
}
