import Foundation

/// Reads over the object index: the candidates of a calendar query, and many objects at once for multiget
/// reports and collection export.
extension DataStore {
    /// The indexed objects of a collection, by name, with their content: only those of `component` (when given)
    /// whose span may overlap `[start, end]` (either bound optional). The span test is inclusive at both ends, so
    /// it returns a superset of the exact RFC 4791 §9.9 matches for the caller to check — except that objects with
    /// exact instances come with `exactRangeHit`: whether one of them overlaps `[start, end)` half-open (a
    /// zero-length one when `start <= instance < end`). Without `content` every object comes with empty inline
    /// content. The rows are sorted here, by the bytes of the name as SQLite's `BINARY` collation sorts: an
    /// `ORDER BY` would make SQLite sort whole rows, content included, through a temporary file. Throws `.notFound` / `.notACollection` for a bad collection path.
    public func indexedObjects(
        in collectionPath: String,
        component: String? = nil,
        from start: Int64? = nil,
        to end: Int64? = nil,
        content withContent: Bool = true
    ) throws -> [(member: StoreMember, content: StoredContent, exactRangeHit: Bool?)] {
        try StorePath.validate(collectionPath)
        return try read { database throws(StoreError) in
            try database.readTransaction { () throws(StoreError) in
                let collection = try Self.collection(at: collectionPath, NodeRepository(database: database))
                var values: [SQLValue] = [.int(start ?? .min), .int(end ?? .max), .int(collection.id)]
                if let component { values.append(.text(component)) }
                let range = start != nil || end != nil
                var names = NameKeys()
                var rows: [(member: StoreMember, content: StoredContent, exactRangeHit: Bool?)]
                if withContent {
                    // The index alone names the candidates; their rows come from `objectRowCache` or by id.
                    let candidates = try database.rows(
                        Self.candidateQuery(component: component != nil, range: range, columns: .nodeID),
                        values
                    ) { row in (node: row.int64(0), exactRangeHit: row.optionalInt64(1).map { $0 != 0 }) }
                    let nodes = candidates.map(\.node)
                    rows = try objectRows(nodes, in: collection, database: database) { position, member, content in
                        names.append(member.name)
                        return (member, content, candidates[position].exactRangeHit)
                    }
                } else {
                    var contentType: String?
                    rows = try database.rows(
                        Self.candidateQuery(component: component != nil, range: range, columns: .member),
                        values
                    ) { row in
                        let member = NodeRepository.decodeMember(row, previousContentType: contentType)
                        contentType = member.contentType
                        names.append(member.name)
                        return (member, .inline([]), row.optionalInt64(9).map { $0 != 0 })
                    }
                }
                Self.sort(&rows, by: names)
                return rows
            }
        }
    }

    /// The resources among `names` in a collection, with their content: a row for each position of `names` that
    /// names a resource (a name given twice gives two rows), with that position, in no particular order; missing
    /// names and collections are left out, and so is everything when `collectionPath` is no collection. The caller
    /// places the rows by position, so nothing is sorted here. The path index alone finds the nodes, one look-up
    /// per name in the order given (rather than `path IN (…)`, which would first build a temporary index of the
    /// names); their rows come from `objectRows`.
    public func resources(named names: [String], in collectionPath: String) throws -> [(
        position: Int, member: StoreMember, content: StoredContent
    )] {
        try StorePath.validate(collectionPath)
        let json = Self.jsonArray(of: names, under: collectionPath)
        return try read { database throws(StoreError) in
            try database.readTransaction { () throws(StoreError) in
                guard let collection = try NodeRepository(database: database).node(at: collectionPath),
                    collection.isCollection
                else { return [] }
                let located = try database.rows(
                    "SELECT n.id, j.key FROM json_each(?) j JOIN nodes n ON n.path = j.value",
                    [.text(json)]
                ) { (node: $0.int64(0), position: Int($0.int64(1))) }
                let nodes = located.map(\.node)
                let rows = try objectRows(nodes, in: collection, database: database) { position, member, content in
                    (position: located[position].position, member: member, content: content)
                }
                // Collections are rare among a multiget's hrefs; only then are the rows copied.
                return rows.contains { $0.member.isCollection } ? rows.filter { !$0.member.isCollection } : rows
            }
        }
    }

    /// Orders `rows` by `names` (the name of each row, in the same order), as SQLite's `BINARY` collation orders
    /// them. The rows are then put in place by following the cycles of the permutation with swaps, which move them
    /// rather than copy them (no reference counting of their fields and content).
    static func sort<Row>(_ rows: inout [Row], by names: NameKeys) {
        precondition(names.count == rows.count, "one name per row")
        let order = names.sortedIndices()
        var placed = [Bool](repeating: false, count: rows.count)
        // Swaps in the buffer move the rows; `Array.swapAt` copies them.
        rows.withUnsafeMutableBufferPointer { buffer in
            for start in buffer.indices where !placed[start] {
                // Position `current` receives the row at `order[current]`; the row first at `start` travels along
                // the cycle until the position whose row it is.
                var current = start
                placed[current] = true
                while order[current] != start {
                    buffer.swapAt(current, order[current])
                    current = order[current]
                    placed[current] = true
                }
            }
        }
    }

    /// The paths `directory/name` of `names` as a JSON array of strings (RFC 8259 §7 escapes), for `json_each`;
    /// the directory is escaped once, and a name with nothing to escape is copied whole.
    private static func jsonArray(of names: [String], under directory: String) -> String {
        var prefix: [UInt8] = [UInt8(ascii: "\"")]
        appendJSONEscaped(directory, to: &prefix)
        prefix.append(UInt8(ascii: "/"))
        var json: [UInt8] = [UInt8(ascii: "[")]
        json.reserveCapacity(names.reduce(2) { $0 + prefix.count + $1.utf8.count + 2 })
        for (position, name) in names.enumerated() {
            if position > 0 { json.append(UInt8(ascii: ",")) }
            json.append(contentsOf: prefix)
            appendJSONEscaped(name, to: &json)
            json.append(UInt8(ascii: "\""))
        }
        json.append(UInt8(ascii: "]"))
        return String(decoding: json, as: UTF8.self)
    }

    /// Appends the UTF-8 of `string` with quotes, backslashes and control characters escaped as JSON string content.
    private static func appendJSONEscaped(_ string: String, to json: inout [UInt8]) {
        var string = string
        string.withUTF8 { bytes in
            var start = 0
            for index in bytes.indices {
                let byte = bytes[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                json.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
                if byte < 0x20 {
                    json += Array("\\u00".utf8)
                    json += [hexDigit(byte >> 4), hexDigit(byte & 0xF)]
                } else {
                    json += [UInt8(ascii: "\\"), byte]
                }
                start = index + 1
            }
            json.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        }
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }

    /// The SQL of `indexedObjects`: `?1`/`?2` the range (`Int64.min`/`.max` for an open side), `?3` the collection
    /// id, `?4` the component. With a range it is two `SELECT`s, one per span index of migration 9: brief objects
    /// start within `briefSpanLimit` before the range, long ones end after its start.
    static func candidateQuery(component: Bool, range: Bool, columns: CandidateColumns) -> String {
        let selected =
            switch columns {
            case .nodeID: "SELECT o.node_id, \(exactHit) FROM object_index o"
            case .member:
                "SELECT \(prefixedMemberColumns), \(exactHit) FROM object_index o JOIN nodes n ON n.id = o.node_id"
            }
        let columns = "\(selected) WHERE o.collection_id = ?3" + (component ? " AND o.component = ?4" : "")
        guard range else { return columns }
        let brief = Migration.briefSpanLimit
        return """
            \(columns) AND o.span_end - o.span_start <= \(brief)
                AND o.span_start >= ?1 - \(brief) AND o.span_start <= ?2 AND o.span_end >= ?1
            UNION ALL
            \(columns) AND o.span_end - o.span_start > \(brief) AND o.span_end >= ?1 AND o.span_start <= ?2
            """
    }

    /// What a row of `candidateQuery` holds before the exact-hit flag: the node id alone (read from the covering
    /// span indexes only), or the member columns of `NodeRepository.memberColumns` (columns 0…8).
    enum CandidateColumns {
        case nodeID
        case member
    }

    /// Whether an object with exact instances has one overlapping `[?1, ?2)` (RFC 4791 §9.9: half-open, a
    /// zero-length instance matches at the range start), NULL without exact instances. An object whose span is as
    /// long as its longest instance is that one instance as far as overlap goes, so the index entry answers. So it
    /// does for a range longer than the longest gap between the object's instance starts (migration 10) that meets
    /// its span: an instance starts inside the range, or the range begins inside the instance that ends last.
    /// Other objects read their instances that start at most `longest_instance` before the range.
    private static let exactHit = """
        CASE WHEN o.exact = 0 THEN NULL
        WHEN o.span_end - o.span_start = o.longest_instance AND o.span_start < ?2
            AND (o.span_end > ?1 OR (o.span_start = o.span_end AND o.span_start >= ?1)) THEN 1
        WHEN o.longest_gap IS NOT NULL AND ?2 - ?1 > o.longest_gap AND o.span_start < ?2 AND o.span_end > ?1 THEN 1
        ELSE EXISTS (SELECT 1 FROM object_instances i WHERE i.node_id = o.node_id
            AND i.start >= ?1 - o.longest_instance AND i.start < ?2
            AND (i.end > ?1 OR (i.start = i.end AND i.start >= ?1)))
        END
        """

    /// The content of `member` from a row laid out as `prefixedMemberColumns` followed by `n.content, n.blob_hash`
    /// (columns 9 and 10): the inline bytes, or the blob file when the body was stored as one.
    func memberContent(of row: Statement, _ member: StoreMember) -> StoredContent {
        if let hash = row.optionalText(10) {
            return .file(path: blobs.path(forHash: hash), length: member.contentLength)
        }
        return .inline(row.blob(9))
    }

    /// `NodeRepository.memberColumns` of the table `n`.
    static let prefixedMemberColumns = prefixed(NodeRepository.memberColumns)

    /// `columns` of the table `n`.
    private static func prefixed(_ columns: String) -> String {
        columns.split(separator: ",").map { "n." + $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .joined(separator: ", ")
    }
}
