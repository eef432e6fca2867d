extension DAVPath {
    /// The path named by an href in a request body (RFC 4918 §8.3): an absolute URI (its scheme and authority are
    /// dropped) or an absolute path, with any query or fragment removed; nil when it is neither. Scans the UTF-8
    /// bytes in place, since multiget reports parse hundreds of hrefs per request.
    public init?(href: String) {
        var href = href
        guard let path = href.withUTF8({ Self.parse(href: $0) }) else { return nil }
        self = path
    }

    /// The path of an href's UTF-8 bytes: surrounding ASCII white space trimmed; for an absolute URI (a scheme,
    /// then `://`, RFC 3986 §3) the scheme and authority dropped; then the path up to a `?` or `#`.
    static func parse(href bytes: UnsafeBufferPointer<UInt8>) -> DAVPath? {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        var start = 0
        var end = bytes.count
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        if let authority = authorityStart(in: bytes, from: start, to: end) {
            let pathStart = bytes[authority..<end].firstIndex {
                $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#")
            }
            guard let pathStart, bytes[pathStart] == UInt8(ascii: "/") else { return .root }
            start = pathStart
        }
        let stop = bytes[start..<end].firstIndex { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") } ?? end
        return parse(encoded: UnsafeBufferPointer(rebasing: bytes[start..<stop]))
    }

    /// The index just past `scheme://` when `bytes[start..<end]` begins with one (`scheme = ALPHA *( ALPHA / DIGIT
    /// / "+" / "-" / "." )`, RFC 3986 §3.1); nil for anything else, such as an absolute path with `://` in its
    /// query.
    private static func authorityStart(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int? {
        func isAlpha(_ byte: UInt8) -> Bool { (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") }
        guard start < end, isAlpha(bytes[start]) else { return nil }
        var index = start + 1
        while index < end {
            let byte = bytes[index]
            let isSchemeByte =
                isAlpha(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "+")
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
            guard isSchemeByte else { break }
            index += 1
        }
        guard index + 3 <= end, bytes[index] == UInt8(ascii: ":"),
            bytes[index + 1] == UInt8(ascii: "/"), bytes[index + 2] == UInt8(ascii: "/")
        else { return nil }
        return index + 3
    }
}
