#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The stored bytes of an iCalendar or vCard object (RFC 5545 §3.1, RFC 6350 §3.2) reduced for a substring
/// prefilter ahead of a text-match (RFC 4791 §9.7.5, RFC 6352 §10.5.4): lines unfolded, backslashes dropped and
/// ASCII letters lowered, in one pass over bytes that are not parsed.
///
/// Every property value as a text-match reads it (unfolded, TEXT escapes resolved: RFC 5545 §3.3.11,
/// RFC 6350 §3.4) maps position by position onto this text, except where the value holds a backslash or a line
/// break; so a ``ContentNeedle``, which holds neither, that occurs in a value occurs here too. The reverse need
/// not hold: a miss proves that no value can match, a hit proves nothing.
public struct FoldedContent: Sendable {
    /// The reduced bytes.
    public let bytes: [UInt8]
    /// Whether the stored bytes are all ASCII.
    public let isASCII: Bool
    /// The reduced bytes with each non-ASCII scalar replaced by the ASCII letters the `i;unicode-casemap` key
    /// turns it into (`ä` into `a`, `ß` into `ss`, `ſ` into `s`, full-width forms into ASCII) and 0xFF for the
    /// rest of its key; the same as ``bytes`` for ASCII text, nil when not asked for or not valid UTF-8.
    public let unicodeSkeleton: [UInt8]?

    /// Reduces `stored`, with ``unicodeSkeleton`` when `foldingUnicode`. The common case — no backslash, no
    /// folded line, ASCII — only lowers letters.
    public init(_ stored: UnsafeRawBufferPointer, foldingUnicode: Bool) {
        var high: UInt8 = 0
        var lowered = [UInt8](unsafeUninitializedCapacity: stored.count) { buffer, count in
            for index in 0..<stored.count {
                let byte = stored[index]
                high |= byte
                buffer[index] = byte &- 0x41 < 26 ? byte | 0x20 : byte
            }
            count = stored.count
        }
        isASCII = high < 0x80
        if Self.needsUnfolding(lowered) { lowered = Self.unfolded(lowered) }
        bytes = lowered
        unicodeSkeleton = !foldingUnicode ? nil : isASCII ? lowered : ScalarFolding.skeleton(of: lowered)
    }

    /// Whether `text` holds a backslash or a line break followed by a space or tab (a fold).
    private static func needsUnfolding(_ text: [UInt8]) -> Bool {
        text.withUnsafeBytes { raw in
            guard let base = raw.baseAddress, !raw.isEmpty else { return false }
            if memchr(base, 0x5C, raw.count) != nil { return true }
            var start = 0
            while start < raw.count, let found = memchr(base + start, 0x0A, raw.count - start) {
                let index = base.distance(to: UnsafeRawPointer(found))
                if index + 1 < raw.count, raw[index + 1] == 0x20 || raw[index + 1] == 0x09 { return true }
                start = index + 1
            }
            return false
        }
    }

    /// `text` without backslashes, CRs, and LFs followed by a space or tab together with that space or tab.
    private static func unfolded(_ bytes: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        bytes.withUnsafeBufferPointer { text in
            var index = 0
            while index < text.count {
                let run = index
                while index < text.count, text[index] != 0x5C, text[index] != 0x0D, text[index] != 0x0A { index += 1 }
                result.append(contentsOf: UnsafeBufferPointer(rebasing: text[run..<index]))
                guard index < text.count else { break }
                let byte = text[index]
                index += 1
                if byte == 0x0A {
                    if index < text.count, text[index] == 0x20 || text[index] == 0x09 {
                        index += 1
                    } else {
                        result.append(byte)
                    }
                }
            }
        }
        return result
    }
}

/// A text-match pattern as ``FoldedContent`` is searched for it: the collation's key of the pattern
/// (RFC 4790 §4.2), ASCII-lowered.
public struct ContentNeedle: Sendable, Hashable {
    /// The bytes searched for.
    public let bytes: [UInt8]
    /// Whether non-ASCII content may fold into these bytes (`i;unicode-casemap`).
    public let foldsUnicode: Bool
    /// Whether the bytes are all ASCII; a Unicode needle that is not is left to the full match on non-ASCII text.
    let isASCII: Bool

    /// The needle for `pattern` under `collation`; nil when no prefilter can judge it: an empty pattern
    /// (which matches every value), or one holding a backslash or line break, which unfolding and unescaping
    /// change.
    public init?(_ pattern: String, collation: Collation) {
        let key = collation.key(pattern)
        guard !key.isEmpty, !key.contains(where: { $0 == 0x5C || $0 == 0x0A || $0 == 0x0D }) else { return nil }
        bytes = key.map { $0 &- 0x41 < 26 ? $0 | 0x20 : $0 }
        foldsUnicode = collation == .unicodeCasemap
        isASCII = key.allSatisfy { $0 < 0x80 }
    }

    /// Whether some value in `content` may contain the pattern; false proves that none does.
    public func mayOccur(in content: FoldedContent) -> Bool {
        guard foldsUnicode else { return Self.search(bytes, in: content.bytes) }
        if content.isASCII { return Self.search(bytes, in: content.bytes) }
        guard isASCII, let skeleton = content.unicodeSkeleton else { return true }
        return Self.search(bytes, in: skeleton)
    }

    /// Whether `needle` occurs in `haystack`.
    private static func search(_ needle: [UInt8], in haystack: [UInt8]) -> Bool {
        haystack.withUnsafeBytes { haystack in
            needle.withUnsafeBytes { needle in
                guard let base = haystack.baseAddress, let pattern = needle.baseAddress else { return false }
                let last = haystack.count - needle.count
                var start = 0
                while start <= last, let found = memchr(base + start, Int32(needle[0]), last - start + 1) {
                    let index = base.distance(to: UnsafeRawPointer(found))
                    if memcmp(found, pattern, needle.count) == 0 { return true }
                    start = index + 1
                }
                return false
            }
        }
    }
}
