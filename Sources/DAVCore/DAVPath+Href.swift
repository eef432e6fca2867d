extension DAVPath {
    /// The path named by an href in a request body (RFC 4918 §8.3): an absolute URI (its scheme and authority are
    /// dropped) or an absolute path, with any query or fragment removed; nil when it is neither. Scans the UTF-8
    /// bytes once, since multiget reports parse hundreds of hrefs per request.
    public init?(href: String) {
        let text = href.trimmingASCIIWhitespace
        let bytes = text.utf8
        var start = bytes.startIndex
        if let scheme = Self.schemeSeparator(in: bytes) {
            start = bytes[scheme...].firstIndex(of: UInt8(ascii: "/")) ?? bytes.endIndex
            if start == bytes.endIndex { self.init(encoded: "/"); return }
        }
        let end =
            bytes[start...].firstIndex { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") } ?? bytes.endIndex
        self.init(encoded: text[start..<end])
    }

    /// The index just past the first `://`, if any.
    private static func schemeSeparator(in bytes: String.UTF8View) -> String.Index? {
        var index = bytes.startIndex
        while let colon = bytes[index...].firstIndex(of: UInt8(ascii: ":")) {
            let slashes = bytes[bytes.index(after: colon)...].prefix(2)
            if slashes.elementsEqual("//".utf8) { return bytes.index(colon, offsetBy: 3) }
            index = bytes.index(after: colon)
        }
        return nil
    }
}
