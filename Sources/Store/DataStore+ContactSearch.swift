import Foundation
import Synchronization

/// The read over the contact search index (`Migration.contactSearch`): the candidates of an RFC 6352 §8.6
/// `addressbook-query`, found from the folded property values instead of every card's bytes.
extension DataStore {
    /// The objects of an address book that `query` selects, with their content, sorted by name (as SQLite's
    /// `BINARY` collation sorts). A superset of the filter's matches: the caller runs the exact filter on each
    /// object that is not `proven` — one whose indexed values alone satisfy `query` (see ``ContactSearchQuery``).
    /// The candidates come from the address book's in-memory ``ContactSearchIndex`` (`contactSearchNodes`); the
    /// selected rows from `objectRows`, among the collection's members in the same read transaction, so a node the
    /// index still names after it was deleted or moved out is not returned. Throws `.notFound` / `.notACollection`
    /// for a bad collection path.
    public func contactSearch(
        in collectionPath: String,
        matching query: ContactSearchQuery
    ) throws -> [(member: StoreMember, content: StoredContent, proven: Bool)] {
        try StorePath.validate(collectionPath)
        return try read { database throws(StoreError) in
            try database.readTransaction { () throws(StoreError) in
                let collection = try Self.collection(at: collectionPath, NodeRepository(database: database))
                let selected = try contactSearchNodes(query, in: collection, database: database)
                guard !selected.isEmpty else { return [] }
                var names = NameKeys()
                let nodes = selected.map(\.node)
                var rows = try objectRows(nodes, in: collection, database: database) { position, member, content in
                    names.append(member.name)
                    return (member: member, content: content, proven: selected[position].proven)
                }
                Self.sort(&rows, by: names)
                return rows
            }
        }
    }

    /// The nodes `query` selects in `collection`, as of the caller's read transaction: from the address book's
    /// cached index, brought to the collection's revision first, or from a walk over its rows when the index does
    /// not fit the cache or was already brought past this (older) read.
    func contactSearchNodes(
        _ query: ContactSearchQuery,
        in collection: StoreNode,
        database: Database
    ) throws(StoreError) -> [ContactSearchSelection] {
        if let entry = contactSearchCache.entry(for: collection.id) {
            let found = try entry.index.withLock {
                index throws(StoreError) -> (nodes: [ContactSearchSelection], bytes: Int)? in
                guard try Self.bringForward(&index, to: collection, names: query.names, database: database),
                    let index
                else { return nil }
                return (index.nodes(query), index.byteCount)
            }
            if let found {
                contactSearchCache.account(entry, of: collection.id, bytes: found.bytes)
                return found.nodes
            }
        }
        return try ContactSearchReader(database: database, collectionID: collection.id).nodes(query).map {
            ContactSearchSelection(node: $0, proven: false)
        }
    }

    /// Makes `index` hold the state of `collection` in the caller's read transaction, with columns for at least
    /// `names`: applies the members the change log names since the index's revision, or builds the index anew
    /// (none yet, a column missing, many changes, or many stale slots). False, leaving it alone, when the index
    /// is already past this read's revision.
    private static func bringForward(
        _ index: inout ContactSearchIndex?,
        to collection: StoreNode,
        names: Set<String>,
        database: Database
    ) throws(StoreError) -> Bool {
        var names = names
        if var current = index.take() {
            guard current.revision <= collection.syncRevision else {
                index = current
                return false
            }
            let covers = current.names.isSuperset(of: names)
            if covers, current.revision == collection.syncRevision {
                index = current
                return true
            }
            let changes =
                covers
                ? try ChangeLogRepository(database: database)
                    .changes(collectionID: collection.id, after: current.revision) : []
            if covers, changes.count <= max(64, current.liveSlots / 32) {
                for change in changes {
                    if change.deleted {
                        current.noteRemoval()
                    } else {
                        try applyMember(named: change.name, of: collection.id, to: &current, database: database)
                    }
                }
                current.revision = collection.syncRevision
                if current.staleSlots <= current.liveSlots / 4 + 256 {
                    index = current
                    return true
                }
            }
            names.formUnion(current.names)
        }
        index = try ContactSearchIndex.build(
            database: database,
            collectionID: collection.id,
            revision: collection.syncRevision,
            names: names
        )
        return true
    }

    /// Gives `index` the current terms of the member `name` of `collectionID` (none when it is no card).
    private static func applyMember(
        named name: String,
        of collectionID: Int64,
        to index: inout ContactSearchIndex,
        database: Database
    ) throws(StoreError) {
        try database.withStatement(
            """
            SELECT n.id, c.node_id IS NULL, c.terms FROM nodes n
            LEFT JOIN contact_search c ON c.node_id = n.id AND c.collection_id = n.parent_id
            WHERE n.parent_id = ? AND n.name = ?
            """,
            [.int(collectionID), .text(name)]
        ) { row throws(StoreError) in
            guard try row.step() else { return }
            let node = row.int64(0)
            if row.int64(1) != 0 {
                index.apply(node: node, terms: nil)
            } else {
                row.withBytes(2) { index.apply(node: node, terms: $0) }
            }
        }
    }
}
