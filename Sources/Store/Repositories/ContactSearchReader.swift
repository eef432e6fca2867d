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

    /// Bytes searched for, with the position of their rarest byte.
    private struct Needle {
        let bytes: [UInt8]
        let anchor: Int

        init(_ bytes: [UInt8]) {
            self.bytes = bytes
            anchor = Bytes.anchor(of: bytes)
        }

        func position(in terms: UnsafeRawBufferPointer, from: Int) -> Int? {
            Bytes.find(bytes, anchor: anchor, in: terms, from: from)
        }

        func occurs(in terms: UnsafeRawBufferPointer) -> Bool { position(in: terms, from: 0) != nil }
    }

    /// A query with its byte patterns made once.
    private indirect enum Test {
        /// `␞NAME␟` (the property exists), and `␞NAME␟␞` (its value was not indexed).
        case exists(entry: Needle, empty: Needle)
        /// An entry beginning with `pattern` (`equals`: `␞NAME␟text␞`; `starts-with`: `␞NAME␟text`).
        case prefix(pattern: Needle, empty: Needle)
        /// `text` inside the value of an entry named `name` (at its end when `atEnd`).
        case inside(name: [UInt8], text: Needle, atEnd: Bool, empty: Needle)
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
                self = .exists(entry: Needle(Self.head(name)), empty: Self.empty(name))
            case .value(let name, let text, .equals):
                self = .prefix(
                    pattern: Needle(Self.head(name) + text.utf8 + [ContactSearchTerms.entry]),
                    empty: Self.empty(name)
                )
            case .value(let name, let text, .startsWith):
                self = .prefix(pattern: Needle(Self.head(name) + text.utf8), empty: Self.empty(name))
            case .value(let name, let text, let match):
                self = .inside(
                    name: Array(name.utf8),
                    text: Needle(Array(text.utf8) + (match == .endsWith ? [ContactSearchTerms.entry] : [])),
                    atEnd: match == .endsWith,
                    empty: Self.empty(name)
                )
            case .all(let queries): self = .all(queries.map(Test.init))
            case .any(let queries): self = .any(queries.map(Test.init))
            }
        }

        /// `␞NAME␟`.
        private static func head(_ name: String) -> [UInt8] {
            [ContactSearchTerms.entry] + name.utf8 + [ContactSearchTerms.name]
        }

        /// `␞NAME␟␞`.
        private static func empty(_ name: String) -> Needle {
            Needle(head(name) + [ContactSearchTerms.entry])
        }

        /// Whether the terms `terms` pass.
        func holds(_ terms: UnsafeRawBufferPointer) -> Bool {
            switch self {
            case .exists(let entry, _): return entry.occurs(in: terms)
            case .prefix(let pattern, let empty): return pattern.occurs(in: terms) || empty.occurs(in: terms)
            case .inside(let name, let text, _, let empty):
                return Self.inside(text, named: name, terms) || empty.occurs(in: terms)
            case .all(let tests): return tests.allSatisfy { $0.holds(terms) }
            case .any(let tests): return tests.contains { $0.holds(terms) }
            }
        }

        /// Whether `text` (no separator in it, but for a final ␞) occurs in a value of an entry named `name`.
        private static func inside(_ text: Needle, named name: [UInt8], _ terms: UnsafeRawBufferPointer) -> Bool {
            var from = 0
            while let hit = text.position(in: terms, from: from) {
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
    /// Letters from most to least frequent in names and addresses; a search looks for the needle's rarest byte
    /// with `memchr` and compares the needle around each hit.
    private static let frequency = Array("eantirslohdcumgkbfwpvzyjxq".utf8)

    /// The position in `needle` of its rarest byte: a byte that is no lowercase letter (digit, punctuation,
    /// separator, non-ASCII) before the rarest letter.
    static func anchor(of needle: [UInt8]) -> Int {
        func rank(_ byte: UInt8) -> Int { frequency.firstIndex(of: byte) ?? frequency.count }
        return needle.indices.max { rank(needle[$0]) < rank(needle[$1]) } ?? 0
    }

    /// The first position at or after `from` where `needle` (not empty; `anchor` its rarest byte, from
    /// ``anchor(of:)``) occurs in `haystack`.
    static func find(_ needle: [UInt8], anchor: Int, in haystack: UnsafeRawBufferPointer, from: Int) -> Int? {
        guard let base = haystack.baseAddress, haystack.count - from >= needle.count else { return nil }
        let last = haystack.count - needle.count
        var start = from
        while start <= last, let found = memchr(base + start + anchor, Int32(needle[anchor]), last - start + 1) {
            let index = base.distance(to: UnsafeRawPointer(found)) - anchor
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
