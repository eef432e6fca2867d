import MIMEDir
public import VCardFormat

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension AddressBookFilter {
    /// The card stored as `bytes` (one vCard, as every address object is after PUT validation, RFC 6352 §5.1)
    /// with only the properties this filter tests: the content lines of its top-level component whose name a
    /// property filter names (in any group), unfolded and parsed as ``VCard/parse(_:options:)`` parses them. The
    /// filter matches this card exactly when it matches the whole card (RFC 6352 §10.5.1: a property filter
    /// looks at the properties of its name only), so a query can test cards without parsing all their lines.
    /// Nil when a selected line does not parse. A query testing many cards reads them with one
    /// ``TestedCardReader``.
    public func testedCard(of bytes: [UInt8]) -> VCard? {
        TestedCardReader(self).card(of: bytes)
    }

    /// Reads the tested cards of one filter (see ``AddressBookFilter/testedCard(of:)``), with the names of the
    /// filter's properties prepared once.
    public struct TestedCardReader: Sendable {
        /// The property names the filter tests, upper-cased, without group.
        private let names: [[UInt8]]

        /// The reader of `filter`'s tested cards.
        public init(_ filter: AddressBookFilter) {
            names = Array(Set(filter.propertyFilters.map { Array(ContactSearchValues.indexName($0.name).utf8) }))
        }

        /// The card stored as `bytes` with only the properties the filter tests; nil when a selected line does
        /// not parse.
        public func card(of bytes: [UInt8]) -> VCard? {
            AddressBookFilter.testedCard(of: bytes, names: names)
        }
    }

    private static func testedCard(of bytes: [UInt8], names: [[UInt8]]) -> VCard? {
        var lines = TestedLines(names: names)
        bytes.withUnsafeBufferPointer { text in
            var start = 0
            while start < text.count {
                var end = Self.lineEnd(text, from: start)
                var next = end + 1
                let first = UnsafeBufferPointer(rebasing: text[start..<Self.trimmed(text, start, end)])
                guard next < text.count, Self.isFold(text[next]) else {
                    lines.take(first)
                    start = next
                    continue
                }
                var unfolded = Array(first)
                while next < text.count, Self.isFold(text[next]) {
                    end = Self.lineEnd(text, from: next + 1)
                    unfolded += UnsafeBufferPointer(rebasing: text[(next + 1)..<Self.trimmed(text, next + 1, end)])
                    next = end + 1
                }
                unfolded.withUnsafeBufferPointer { lines.take($0) }
                start = next
            }
        }
        return lines.failed ? nil : VCard(Component(name: "VCARD", properties: lines.properties))
    }

    private static func isFold(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    /// The index of the next LF at or after `start`, or the end.
    private static func lineEnd(_ text: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard start < text.count, let base = text.baseAddress,
            let found = memchr(base + start, 0x0A, text.count - start)
        else { return text.count }
        return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
    }

    /// `end` without a CR before it.
    private static func trimmed(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        end > start && text[end - 1] == 0x0D ? end - 1 : end
    }
}

/// The unfolded content lines of a stored card, one at a time: `BEGIN`/`END` lines count the nesting, and the
/// top-level lines with a wanted name are parsed.
private struct TestedLines {
    /// The wanted property names, upper-cased, without group.
    let names: [[UInt8]]
    var properties: [Property] = []
    var failed = false
    private var depth = 0
    private let parser = MIMEDirParser()

    init(names: [[UInt8]]) { self.names = names }

    mutating func take(_ line: UnsafeBufferPointer<UInt8>) {
        if Self.starts(line, with: Self.begin) {
            depth += 1
        } else if Self.starts(line, with: Self.end) {
            depth -= 1
        } else if depth == 1, !failed, wants(line) {
            guard let property = try? parser.parseContentLine(Array(line)) else {
                failed = true
                return
            }
            properties.append(property)
        }
    }

    /// Whether the name of a content line without its group — the bytes before the first `;` or `:`, after the
    /// first `.` — is one of ``names`` (without case).
    private func wants(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        var nameStart = 0
        var index = 0
        while index < line.count, line[index] != 0x3A, line[index] != 0x3B {
            if line[index] == 0x2E, nameStart == 0 { nameStart = index + 1 }
            index += 1
        }
        let name = line[nameStart..<index]
        return names.contains { wanted in
            wanted.count == name.count && zip(wanted, name).allSatisfy { $0 == Self.upper($1) }
        }
    }

    private static func upper(_ byte: UInt8) -> UInt8 { byte &- 0x61 < 26 ? byte - 0x20 : byte }

    private static func starts(_ line: UnsafeBufferPointer<UInt8>, with keyword: [UInt8]) -> Bool {
        line.count > keyword.count && keyword.indices.allSatisfy { upper(line[$0]) == keyword[$0] }
    }

    private static let begin = Array("BEGIN:".utf8)
    private static let end = Array("END:".utf8)
}
