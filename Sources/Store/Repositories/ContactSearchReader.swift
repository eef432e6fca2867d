#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Evaluates a ``ContactSearchQuery`` over one address book's rows of `contact_search`, inside the caller's read
/// transaction: `equals` looks values up, `starts-with` walks the range of the key from the text on, `contains`
/// and `ends-with` walk the property's values and test their bytes in place. Values stored empty (not indexed)
/// are always selected.
struct ContactSearchReader {
    let database: Database
    let collectionID: Int64

    /// The ids of the nodes `query` selects.
    func nodes(_ query: ContactSearchQuery) throws(StoreError) -> Set<Int64> {
        switch query {
        case .exists(let name), .value(let name, "", .startsWith), .value(let name, "", .endsWith),
            .value(let name, "", .contains):
            return try ids("SELECT node_id FROM contact_search WHERE collection_id = ? AND name = ?", name)
        case .value(let name, let text, .equals):
            return try ids(
                "SELECT node_id FROM contact_search WHERE collection_id = ? AND name = ? AND value IN (?, '')",
                name,
                text
            )
        case .value(let name, let text, .startsWith):
            return try prefixed(name, text)
        case .value(let name, let text, let match):
            return try scanned(name, Array(text.utf8), suffixOnly: match == .endsWith)
        case .all(let queries):
            guard var result = try queries.first.map(nodes) else { return [] }
            for query in queries.dropFirst() where !result.isEmpty {
                result.formIntersection(try nodes(query))
            }
            return result
        case .any(let queries):
            var result: Set<Int64> = []
            for query in queries { result.formUnion(try nodes(query)) }
            return result
        }
    }

    private func ids(_ sql: String, _ texts: String...) throws(StoreError) -> Set<Int64> {
        Set(try database.rows(sql, [.int(collectionID)] + texts.map { .text($0) }) { $0.int64(0) })
    }

    /// Values from `text` on in key order, until one does not start with it; and the empty ones.
    private func prefixed(_ name: String, _ text: String) throws(StoreError) -> Set<Int64> {
        var result = try ids(
            "SELECT node_id FROM contact_search WHERE collection_id = ? AND name = ? AND value = ''",
            name
        )
        let prefix = Array(text.utf8)
        try database.withStatement(
            "SELECT value, node_id FROM contact_search WHERE collection_id = ? AND name = ? AND value >= ? ORDER BY value",
            [.int(collectionID), .text(name), .text(text)]
        ) { row throws(StoreError) in
            while try row.step() {
                guard row.withBytes(0, { Self.starts($0, with: prefix) }) else { break }
                result.insert(row.int64(1))
            }
        }
        return result
    }

    /// Every value of the property whose bytes hold `needle` (at the end only, with `suffixOnly`), or are empty.
    private func scanned(_ name: String, _ needle: [UInt8], suffixOnly: Bool) throws(StoreError) -> Set<Int64> {
        var result: Set<Int64> = []
        try database.withStatement(
            "SELECT value, node_id FROM contact_search WHERE collection_id = ? AND name = ?",
            [.int(collectionID), .text(name)]
        ) { row throws(StoreError) in
            while try row.step() {
                let hit = row.withBytes(0) { value in
                    value.isEmpty || (suffixOnly ? Self.ends(value, with: needle) : Self.holds(value, needle))
                }
                if hit { result.insert(row.int64(1)) }
            }
        }
        return result
    }

    /// Whether `value` begins with `prefix` (not empty).
    private static func starts(_ value: UnsafeRawBufferPointer, with prefix: [UInt8]) -> Bool {
        value.count >= prefix.count && equal(value, at: 0, prefix)
    }

    /// Whether `value` ends with `suffix` (not empty).
    private static func ends(_ value: UnsafeRawBufferPointer, with suffix: [UInt8]) -> Bool {
        value.count >= suffix.count && equal(value, at: value.count - suffix.count, suffix)
    }

    /// Whether `needle` (not empty) occurs in `value`.
    private static func holds(_ value: UnsafeRawBufferPointer, _ needle: [UInt8]) -> Bool {
        guard let base = value.baseAddress, value.count >= needle.count else { return false }
        let last = value.count - needle.count
        var start = 0
        while start <= last, let found = memchr(base + start, Int32(needle[0]), last - start + 1) {
            let index = base.distance(to: UnsafeRawPointer(found))
            if equal(value, at: index, needle) { return true }
            start = index + 1
        }
        return false
    }

    /// Whether the bytes of `value` from `offset` on begin with `bytes` (which fit).
    private static func equal(_ value: UnsafeRawBufferPointer, at offset: Int, _ bytes: [UInt8]) -> Bool {
        guard let base = value.baseAddress else { return bytes.isEmpty }
        return bytes.withUnsafeBytes { pattern in
            guard let pattern = pattern.baseAddress else { return true }
            return memcmp(base + offset, pattern, bytes.count) == 0
        }
    }
}
