extension DAVPath {
    /// The path named by an href in a request body (RFC 4918 §8.3): an absolute URI (its scheme and authority are
    /// dropped) or an absolute path, with any query or fragment removed; nil when it is neither. Scans the UTF-8
    /// bytes in place, since multiget reports parse hundreds of hrefs per request.
    public init?(href: String) {
        var href = href
        guard let path = href.withUTF8({ Self.parse(href: $0) }) else { return nil }
        self = path
    }

    /// The path of an href's UTF-8 bytes: surrounding ASCII white space trimmed, then everything up to the first
    /// `/` after the first `://` dropped, then the path up to a `?` or `#`.
    static func parse(href bytes: UnsafeBufferPointer<UInt8>) -> DAVPath? {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        var start = 0
        var end = bytes.count
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        if let authority = schemeSeparatorEnd(in: bytes, from: start, to: end) {
            guard let slash = bytes[authority..<end].firstIndex(of: UInt8(ascii: "/")) else { return .root }
            start = slash
        }
        let stop = bytes[start..<end].firstIndex { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") } ?? end
        return parse(encoded: UnsafeBufferPointer(rebasing: bytes[start..<stop]))
    }

    /// The index just past the first `://` in `bytes[start..<end]`, if any.
    private static func schemeSeparatorEnd(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int)
        -> Int?
    {
        var index = start
        while index + 2 < end {
            if bytes[index] == UInt8(ascii: ":"), bytes[index + 1] == UInt8(ascii: "/"),
                bytes[index + 2] == UInt8(ascii: "/")
            {
                return index + 3
            }
            index += 1
        }
        return nil
    }
}
