/// SQL for the object index (calendar and address objects). Write methods expect to run inside the caller's
/// transaction.
struct ObjectIndexRepository {
    let database: Database

    /// The path of another object in the collection that already has this UID, if any.
    func pathHolding(uid: String, collectionID: Int64, except nodeID: Int64?) throws(StoreError) -> String? {
        try database.firstRow(
            """
            SELECT n.path FROM object_index o JOIN nodes n ON n.id = o.node_id
            WHERE o.collection_id = ? AND o.uid = ? AND o.node_id <> ?
            """,
            [.int(collectionID), .text(uid), .int(nodeID ?? -1)]
        ) { $0.text(0) }
    }

    /// Sets the entry of a node (replacing any previous one; a node created in this transaction, `isNew`, has no
    /// instance rows to drop). Throws `.uidConflict` when another object of the collection has the entry's UID:
    /// the unique UID index refuses the row, so no query looks for one beforehand.
    func upsert(_ entry: ObjectIndexEntry, nodeID: Int64, collectionID: Int64, isNew: Bool = false) throws(StoreError) {
        do {
            try setEntry(entry, nodeID: nodeID, collectionID: collectionID)
        } catch .sqlite(let code, _) where code == Self.uniqueConstraintFailed {
            guard let holder = try pathHolding(uid: entry.uid, collectionID: collectionID, except: nodeID) else {
                throw .sqlite(code: code, message: "UNIQUE constraint failed on the object index")
            }
            throw .uidConflict(existing: holder)
        }
        if !isNew { try database.run("DELETE FROM object_instances WHERE node_id = ?", [.int(nodeID)]) }
        guard let instances = entry.exactInstances, !instances.isEmpty else { return }
        let insert = try database.statement(
            "INSERT OR IGNORE INTO object_instances (node_id, start, end) VALUES (?, ?, ?)"
        )
        for instance in instances {
            defer { insert.reset() }
            try insert.bind(nodeID, at: 1)
            try insert.bind(instance.start, at: 2)
            try insert.bind(instance.end, at: 3)
            _ = try insert.step()
        }
    }

    /// `SQLITE_CONSTRAINT_UNIQUE` (`SQLITE_CONSTRAINT | 8 << 8`, a macro Swift does not import): the extended
    /// result code of a row the UID index refuses.
    private static let uniqueConstraintFailed: Int32 = 2067

    /// Inserts or replaces the `object_index` row of a node.
    private func setEntry(_ entry: ObjectIndexEntry, nodeID: Int64, collectionID: Int64) throws(StoreError) {
        try database.run(
            """
            INSERT INTO object_index
                (node_id, collection_id, uid, component, span_start, span_end, exact, longest_instance, longest_gap)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (node_id) DO UPDATE SET collection_id = excluded.collection_id, uid = excluded.uid,
                component = excluded.component, span_start = excluded.span_start, span_end = excluded.span_end,
                exact = excluded.exact, longest_instance = excluded.longest_instance,
                longest_gap = excluded.longest_gap
            """,
            [
                .int(nodeID), .int(collectionID), .text(entry.uid), .text(entry.component), .int(entry.spanStart),
                .int(entry.spanEnd), .int(entry.exactInstances == nil ? 0 : 1),
                entry.exactInstances?.lazy.map { $0.end - $0.start }.max().map { .int($0) } ?? .null,
                Self.longestGap(entry).map { .int($0) } ?? .null,
            ]
        )
    }

    /// The longest time between two consecutive distinct starts of the entry's exact instances (migration 10's
    /// `longest_gap`); nil without exact instances, with fewer than two distinct starts, or when the span is not
    /// exactly the instances' first start to their last end, which the range test built on it assumes.
    static func longestGap(_ entry: ObjectIndexEntry) -> Int64? {
        guard let instances = entry.exactInstances, !instances.isEmpty else { return nil }
        let starts = instances.map(\.start).sorted()
        guard starts[0] == entry.spanStart, instances.lazy.map(\.end).max() == entry.spanEnd else { return nil }
        var longest: Int64?
        for (previous, next) in zip(starts, starts.dropFirst()) where next != previous {
            let (gap, overflow) = next.subtractingReportingOverflow(previous)
            guard !overflow else { return nil }
            longest = max(longest ?? gap, gap)
        }
        return longest
    }

    /// Drops the entry of a node.
    func remove(nodeID: Int64) throws(StoreError) {
        try database.run("DELETE FROM object_index WHERE node_id = ?", [.int(nodeID)])
        try database.run("DELETE FROM object_instances WHERE node_id = ?", [.int(nodeID)])
    }

    /// Re-homes a moved object's entry to its new collection; throws `.uidConflict` when the UID is taken there.
    func move(nodeID: Int64, to collectionID: Int64) throws(StoreError) {
        guard
            let uid = try database.firstRow(
                "SELECT uid FROM object_index WHERE node_id = ?",
                [.int(nodeID)],
                { $0.text(0) }
            )
        else { return }
        if let holder = try pathHolding(uid: uid, collectionID: collectionID, except: nodeID) {
            throw .uidConflict(existing: holder)
        }
        try database.run(
            "UPDATE object_index SET collection_id = ? WHERE node_id = ?",
            [.int(collectionID), .int(nodeID)]
        )
    }
}
