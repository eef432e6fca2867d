/// Which namespace names the plain reader takes itself. The system parser refuses a document declaring a
/// namespace name that is not a URI reference (RFC 3986 §4.1; libxml2 reports it as an error, XML_WAR_NS_URI),
/// so the plain reader must not accept one either, or the same name would be read or refused depending on what
/// else the document holds; it refuses relative references in some places too. Only an obviously valid absolute
/// URI is plain: a scheme, an optional authority of host characters and a port of one to five digits, and then
/// unreserved and reserved characters with well-formed percent-escapes and at most one `#`. Anything else —
/// including shapes that are valid but unusual — is left to the system parser's verdict.
enum PlainNamespaceName {
    /// Whether `value` (an unescaped attribute value) has the plain shape; the empty name (undeclaring the
    /// default namespace) has it.
    static func isPlain(_ value: String) -> Bool {
        var value = value
        return value.withUTF8 { isPlain(bytes: $0) }
    }

    private static func isPlain(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !bytes.isEmpty else { return true }
        guard let colon = bytes.firstIndex(where: { isDelimiter($0) || $0 == UInt8(ascii: ":") }),
            bytes[colon] == UInt8(ascii: ":"), colon > 0, isLetter(bytes[0]),
            bytes[1..<colon].allSatisfy({ isLetter($0) || isDigit($0) || "+-.".utf8.contains($0) })
        else { return false }
        var index = colon + 1
        if bytes.count - index >= 2, bytes[index] == UInt8(ascii: "/"), bytes[index + 1] == UInt8(ascii: "/") {
            index += 2
            var portDigits: Int?
            while index < bytes.count, !isDelimiter(bytes[index]) {
                let byte = bytes[index]
                if let digits = portDigits {
                    guard isDigit(byte), digits < 5 else { return false }
                    portDigits = digits + 1
                } else if byte == UInt8(ascii: ":") {
                    portDigits = 0
                } else if !(isLetter(byte) || isDigit(byte) || "-._~".utf8.contains(byte)) {
                    return false
                }
                index += 1
            }
            // libxml2 refuses a `:` with no port after it.
            if portDigits == 0 { return false }
        }
        var sawFragment = false
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "%"):
                guard index + 2 < bytes.count, isHexDigit(bytes[index + 1]), isHexDigit(bytes[index + 2]) else {
                    return false
                }
                index += 2
            case UInt8(ascii: "#"):
                guard !sawFragment else { return false }
                sawFragment = true
            default:
                guard isLetter(byte) || isDigit(byte) || "-._~:/?@!$&'()*+,;=".utf8.contains(byte) else { return false }
            }
            index += 1
        }
        return true
    }

    /// `/`, `?` or `#`: where a scheme or an authority ends.
    private static func isDelimiter(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "/") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#")
    }

    private static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    private static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x66)
    }
}
