/// Objects read by id for the object reports, through `ObjectRowCache`.
extension DataStore {
    /// What `element` makes of the member and content of each of `nodes` that is a member of `collection`, as of
    /// the caller's read transaction, given also its position in `nodes`; in no particular order. The rows come
    /// from `objectRowCache` where it holds them, the rest are read by id (and kept there when their content is
    /// inline). A node that is not a member of `collection` (any more) is left out. `CROSS JOIN` keeps SQLite from
    /// walking the whole collection on `nodes_listing` instead of looking each id up.
    func objectRows<Element>(
        _ nodes: [Int64],
        in collection: StoreNode,
        database: Database,
        _ element: (_ position: Int, _ member: StoreMember, _ content: StoredContent) -> Element
    ) throws(StoreError) -> [Element] {
        var found: [Element] = []
        found.reserveCapacity(nodes.count)
        let cachedMissing = try objectRowCache.lookUp(
            nodes,
            in: collection.id,
            at: collection.syncRevision,
            changes: { revision throws(StoreError) in
                try ChangeLogRepository(database: database).changes(collectionID: collection.id, after: revision)
                    .map(\.name)
            },
            found: { position, row in found.append(element(position, row.member, .inline(row.content))) }
        )
        let missing = cachedMissing ?? Array(nodes.indices)
        guard !missing.isEmpty else { return found }
        var fresh: [ObjectRowCache.Row] = []
        var contentType: String?
        try database.withStatement(
            """
            SELECT \(Self.prefixedMemberColumns), n.content, n.blob_hash, j.key FROM json_each(?) j
            CROSS JOIN nodes n ON n.id = j.value WHERE n.parent_id = ?
            """,
            [.text("[" + missing.map { String(nodes[$0]) }.joined(separator: ",") + "]"), .int(collection.id)]
        ) { row throws(StoreError) in
            while try row.step() {
                let member = NodeRepository.decodeMember(row, previousContentType: contentType)
                contentType = member.contentType
                let content = memberContent(of: row, member)
                if cachedMissing != nil, case .inline(let bytes) = content {
                    fresh.append(ObjectRowCache.Row(member: member, content: bytes))
                }
                // `j.key`: the position in `missing`.
                found.append(element(missing[Int(row.int64(11))], member, content))
            }
        }
        objectRowCache.keep(fresh, in: collection.id, at: collection.syncRevision)
        return found
    }
}
