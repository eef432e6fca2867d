import Synchronization

/// The member columns and inline content of objects the object reports read lately (RFC 4791 §7.8–§7.9, RFC 6352
/// §8.6–§8.7), by collection and node id, within a memory budget: a client showing a month, or syncing an address
/// book, asks for the same objects again and again, and reading each object's row from SQLite (a random page per
/// object) is most of what such a report costs the store.
///
/// Each collection's rows are valid at one collection revision. A read transaction at a later revision first brings
/// them forward through the change log (RFC 6578 §3 records every member created, changed, moved or deleted, by
/// name): the rows of the names changed since are dropped. A read at an earlier revision than the rows' does not
/// use them. So a write never has to reach the cache, as with ``ContactSearchCache``. Rows are only added by a read
/// at the revision they are valid at. Collection ids are never reused, so a deleted collection's rows are only dead
/// weight until they are pushed out.
final class ObjectRowCache: Sendable {
    /// One object as the cache keeps it (a class, so a look-up hands out one reference rather than copying the
    /// fields).
    final class Row: Sendable {
        let member: StoreMember
        let content: [UInt8]

        init(member: StoreMember, content: [UInt8]) {
            self.member = member
            self.content = content
        }

        /// What the row is counted at: its bytes and its strings, and about what a row, its allocations and two
        /// dictionary slots take (measured: 20,000 cards of 378 bytes on average took 14 MiB).
        var cost: Int { content.count + member.name.utf8.count * 2 + member.etag.utf8.count + 256 }
    }

    private struct Collection {
        /// The collection revision the rows are valid at.
        var revision: Int64
        var rows: [Int64: Row] = [:]
        var nodeByName: [String: Int64] = [:]
        var bytes = 0
        /// The nodes in the order their rows were kept, from `orderStart` on; some may have been dropped since.
        var order: [Int64] = []
        var orderStart = 0

        /// Keeps `row`, which has no row here yet; returns the cost of the row of the same name it replaces (0 if
        /// none: two nodes of one name cannot both be current at one revision, and this read's is).
        mutating func insert(_ row: Row) -> Int {
            var replacedCost = 0
            if let previous = nodeByName.updateValue(row.member.id, forKey: row.member.name),
                let replaced = rows.removeValue(forKey: previous)
            {
                replacedCost = replaced.cost
                bytes -= replacedCost
            }
            rows[row.member.id] = row
            bytes += row.cost
            order.append(row.member.id)
            if order.count - orderStart > 2 * rows.count + 1024 {
                order = order[orderStart...].filter { rows[$0] != nil }
                orderStart = 0
            }
            return replacedCost
        }

        /// Drops the rows kept first until they free `bytes` or none is left; returns them.
        mutating func evict(atLeast bytes: Int) -> [Row] {
            var evicted: [Row] = []
            var freed = 0
            while freed < bytes, orderStart < order.count {
                let node = order[orderStart]
                orderStart += 1
                guard let row = rows.removeValue(forKey: node) else { continue }
                if nodeByName[row.member.name] == node { nodeByName[row.member.name] = nil }
                self.bytes -= row.cost
                freed += row.cost
                evicted.append(row)
            }
            if orderStart > 1024, 2 * orderStart > order.count {
                order.removeFirst(orderStart)
                orderStart = 0
            }
            return evicted
        }

        /// Drops the row of the member `name`, if any.
        mutating func drop(named name: String) {
            guard let node = nodeByName.removeValue(forKey: name), let row = rows.removeValue(forKey: node) else {
                return
            }
            bytes -= row.cost
        }
    }

    private struct State {
        var collections: [Int64: Collection] = [:]
        var lastUse: [Int64: UInt64] = [:]
        var clock: UInt64 = 0
        var total = 0
    }

    /// Changes since the rows' revision above which the rows are dropped rather than brought forward one by one.
    static let changesBroughtForward = 256

    /// The most bytes the rows of all collections may take together (0: the cache keeps nothing).
    let budget: Int
    private let state = Mutex(State())

    init(budget: Int) {
        self.budget = budget
    }

    /// Passes each of `nodes` the cache holds for `collectionID`, as of a read transaction at `revision`, to `found`
    /// with its position in `nodes` (under the cache's lock), and returns the positions of the others; nil, having
    /// passed none, when the cache cannot serve that read: it keeps nothing, or its rows are already past
    /// `revision`. `changes(after:)` gives, in the same read transaction, the names of the members changed after a
    /// revision, for bringing the rows forward.
    func lookUp(
        _ nodes: [Int64],
        in collectionID: Int64,
        at revision: Int64,
        changes: (Int64) throws(StoreError) -> [String],
        found: (Int, Row) -> Void
    ) throws(StoreError) -> [Int]? {
        guard budget > 0 else { return nil }
        let behind: Int64? = state.withLock { state in
            guard let collection = state.collections[collectionID] else {
                state.collections[collectionID] = Collection(revision: revision)
                return nil
            }
            return collection.revision < revision ? collection.revision : nil
        }
        let changed = try behind.map(changes)
        return state.withLock { state -> [Int]? in
            guard var collection = state.collections.removeValue(forKey: collectionID) else {
                // Pushed out meanwhile: start again, empty, at this read's revision.
                state.collections[collectionID] = Collection(revision: revision)
                state.lastUse[collectionID] = Self.tick(&state)
                return Array(nodes.indices)
            }
            defer { state.collections[collectionID] = collection }
            if collection.revision < revision {
                // `changed` covers every change after `behind`, which is at or before the rows' revision now.
                let before = collection.bytes
                if let changed, changed.count <= Self.changesBroughtForward {
                    for name in changed { collection.drop(named: name) }
                } else {
                    collection = Collection(revision: revision)
                }
                collection.revision = revision
                state.total -= before - collection.bytes
            }
            guard collection.revision == revision else { return nil }
            state.lastUse[collectionID] = Self.tick(&state)
            var missing: [Int] = []
            for (position, node) in nodes.enumerated() {
                if let row = collection.rows[node] {
                    found(position, row)
                } else {
                    missing.append(position)
                }
            }
            return missing
        }
    }

    /// Keeps `rows`, read from `collectionID` in a read transaction at `revision`, if the collection's rows are
    /// still valid at that revision. When they do not fit the budget, the least recently used other collections
    /// go first, then as many of the collection's own rows as the new ones need, those kept first going first (a
    /// client that moved on to another month finds more of the new month at each request); if the new rows alone
    /// are over the budget, as many as fit are kept.
    func keep(_ rows: [Row], in collectionID: Int64, at revision: Int64) {
        guard budget > 0, !rows.isEmpty else { return }
        let released: (collections: [Collection], rows: [Row]) = state.withLock { state in
            guard var collection = state.collections.removeValue(forKey: collectionID) else { return ([], []) }
            defer { state.collections[collectionID] = collection }
            guard collection.revision == revision else { return ([], []) }
            let adding = rows.reduce(0) { $0 + $1.cost }
            var released: (collections: [Collection], rows: [Row]) = ([], [])
            while state.total + adding > budget,
                let oldest = state.lastUse.filter({ $0.key != collectionID }).min(by: { $0.value < $1.value })?.key
            {
                if let other = state.collections.removeValue(forKey: oldest) {
                    state.total -= other.bytes
                    released.collections.append(other)
                }
                state.lastUse[oldest] = nil
            }
            if state.total + adding > budget {
                let before = collection.bytes
                released.rows = collection.evict(atLeast: state.total + adding - budget)
                state.total -= before - collection.bytes
            }
            for row in rows where collection.rows[row.member.id] == nil {
                guard state.total + row.cost <= budget else { break }
                state.total += row.cost - collection.insert(row)
            }
            return released
        }
        _ = released  // what was pushed out is released here, outside the lock
    }

    /// The bytes the rows take together, as counted.
    var totalBytes: Int { state.withLock { $0.total } }

    /// The collections with rows kept (possibly none).
    var collections: Set<Int64> { state.withLock { Set($0.collections.keys) } }

    private static func tick(_ state: inout State) -> UInt64 {
        state.clock += 1
        return state.clock
    }
}
