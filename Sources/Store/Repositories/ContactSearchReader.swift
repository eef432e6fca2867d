#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Evaluates a ``ContactSearchQuery`` over one address book's rows of `contact_search`, inside the caller's read
/// transaction: one walk over the address book's range, each row's ``ContactSearchTerms`` tested in place.
/// Entries with an empty value (not indexed) satisfy every test of their property.
struct ContactSearchReader {
    let database: Database
    let collectionID: Int64

    /// The ids of the nodes `query` selects.
    func nodes(_ query: ContactSearchQuery) throws(StoreError) -> [Int64] {
        let test = Test(query)
        return try database.withStatement(
            "SELECT node_id, terms FROM contact_search WHERE collection_id = ?",
            [.int(collectionID)]
        ) { row throws(StoreError) in
            var result: [Int64] = []
            while try row.step() {
                if row.withBytes(1, test.holds) { result.append(row.int64(0)) }
            }
            return result
        }
    }

    /// A query with its byte patterns made once.
    private indirect enum Test {
        /// `␞NAME␟` (the property exists), and `␞NAME␟␞` (its value was not indexed).
        case exists(entry: [UInt8], empty: [UInt8])
        /// An entry beginning with `pattern` (`equals`: `␞NAME␟text␞`; `starts-with`: `␞NAME␟text`).
        case prefix(pattern: [UInt8], empty: [UInt8])
        /// `text` inside the value of an entry named `name` (at its end when `atEnd`).
        case inside(name: [UInt8], text: [UInt8], atEnd: Bool, empty: [UInt8])
        case all([Test])
        case any([Test])

        init(_ query: ContactSearchQuery) {
            if case .value(let name, let text, _) = query,
                text.utf8.contains(where: { $0 == ContactSearchTerms.entry || $0 == ContactSearchTerms.name })
            {
                self = Test(.exists(name: name))
                return
            }
            switch query {
            case .exists(let name), .value(let name, "", .startsWith), .value(let name, "", .endsWith),
                .value(let name, "", .contains):
                self = .exists(entry: Self.head(name), empty: Self.head(name) + [ContactSearchTerms.entry])
            case .value(let name, let text, .equals):
                self = .prefix(
                    pattern: Self.head(name) + text.utf8 + [ContactSearchTerms.entry],
                    empty: Self.head(name) + [ContactSearchTerms.entry]
                )
            case .value(let name, let text, .startsWith):
                self = .prefix(
                    pattern: Self.head(name) + text.utf8,
                    empty: Self.head(name) + [ContactSearchTerms.entry]
                )
            case .value(let name, let text, let match):
                self = .inside(
                    name: Array(name.utf8),
                    text: Array(text.utf8) + (match == .endsWith ? [ContactSearchTerms.entry] : []),
                    atEnd: match == .endsWith,
                    empty: Self.head(name) + [ContactSearchTerms.entry]
                )
            case .all(let queries): self = .all(queries.map(Test.init))
            case .any(let queries): self = .any(queries.map(Test.init))
            }
        }

        /// `␞NAME␟`.
        private static func head(_ name: String) -> [UInt8] {
            [ContactSearchTerms.entry] + name.utf8 + [ContactSearchTerms.name]
        }

        /// Whether the terms `terms` pass.
        func holds(_ terms: UnsafeRawBufferPointer) -> Bool {
            switch self {
            case .exists(let entry, _): return Bytes.find(entry, in: terms, from: 0) != nil
            case .prefix(let pattern, let empty):
                return Bytes.find(pattern, in: terms, from: 0) != nil || Bytes.find(empty, in: terms, from: 0) != nil
            case .inside(let name, let text, _, let empty):
                return Self.inside(text, named: name, terms) || Bytes.find(empty, in: terms, from: 0) != nil
            case .all(let tests): return tests.allSatisfy { $0.holds(terms) }
            case .any(let tests): return tests.contains { $0.holds(terms) }
            }
        }

        /// Whether `text` (no separator in it, but for a final ␞) occurs in a value of an entry named `name`.
        private static func inside(_ text: [UInt8], named name: [UInt8], _ terms: UnsafeRawBufferPointer) -> Bool {
            var from = 0
            while let hit = Bytes.find(text, in: terms, from: from) {
                var start = hit
                while start > 0, terms[start - 1] != ContactSearchTerms.name,
                    terms[start - 1] != ContactSearchTerms.entry
                {
                    start -= 1
                }
                if start > name.count + 1, terms[start - 1] == ContactSearchTerms.name,
                    terms[start - name.count - 2] == ContactSearchTerms.entry,
                    Bytes.equal(terms, at: start - name.count - 1, name)
                {
                    return true
                }
                from = hit + 1
            }
            return false
        }
    }
}

/// Byte searches over a row's terms where SQLite holds them.
private enum Bytes {
    /// The first position at or after `from` where `needle` (not empty) occurs in `haystack`.
    static func find(_ needle: [UInt8], in haystack: UnsafeRawBufferPointer, from: Int) -> Int? {
        guard let base = haystack.baseAddress, haystack.count - from >= needle.count else { return nil }
        let last = haystack.count - needle.count
        var start = from
        while start <= last, let found = memchr(base + start, Int32(needle[0]), last - start + 1) {
            let index = base.distance(to: UnsafeRawPointer(found))
            if equal(haystack, at: index, needle) { return index }
            start = index + 1
        }
        return nil
    }

    /// Whether the bytes of `haystack` from `offset` on begin with `bytes` (which fit).
    static func equal(_ haystack: UnsafeRawBufferPointer, at offset: Int, _ bytes: [UInt8]) -> Bool {
        guard let base = haystack.baseAddress else { return bytes.isEmpty }
        return bytes.withUnsafeBytes { pattern in
            guard let pattern = pattern.baseAddress else { return true }
            return memcmp(base + offset, pattern, bytes.count) == 0
        }
    }
}
