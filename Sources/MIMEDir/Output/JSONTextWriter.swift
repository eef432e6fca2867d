/// A minimal JSON text builder (RFC 8259) for the jCal (RFC 7265) and jCard (RFC 7095) mappings.
///
/// The caller emits tokens in order; the writer inserts commas and escapes strings.
public struct JSONTextWriter: Sendable {
    /// The JSON text written so far.
    public private(set) var bytes: [UInt8] = []
    private var needsComma: [Bool] = [false]

    /// Creates an empty writer (RFC 8259).
    public init() {}

    /// The JSON text as a string.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    private mutating func separate() {
        if needsComma[needsComma.count - 1] { bytes.append(ASCII.comma) }
        needsComma[needsComma.count - 1] = true
    }

    /// Opens an array (RFC 8259 §5).
    public mutating func beginArray() {
        separate()
        bytes.append(0x5B)
        needsComma.append(false)
    }

    /// Closes the innermost array (RFC 8259 §5).
    public mutating func endArray() {
        bytes.append(0x5D)
        if needsComma.count > 1 { needsComma.removeLast() }
    }

    /// Opens an object (RFC 8259 §4).
    public mutating func beginObject() {
        separate()
        bytes.append(0x7B)
        needsComma.append(false)
    }

    /// Closes the innermost object (RFC 8259 §4).
    public mutating func endObject() {
        bytes.append(0x7D)
        if needsComma.count > 1 { needsComma.removeLast() }
    }

    /// Writes an object member name; the next token is its value (RFC 8259 §4).
    public mutating func key(_ name: String) {
        string(name)
        bytes.append(ASCII.colon)
        needsComma[needsComma.count - 1] = false
    }

    /// Writes a string with JSON escapes (RFC 8259 §7).
    public mutating func string(_ value: String) {
        separate()
        bytes.append(ASCII.dquote)
        for byte in value.utf8 {
            switch byte {
            case ASCII.dquote, ASCII.backslash:
                bytes.append(ASCII.backslash)
                bytes.append(byte)
            case ASCII.lf: bytes.append(contentsOf: [ASCII.backslash, 0x6E])
            case ASCII.cr: bytes.append(contentsOf: [ASCII.backslash, 0x72])
            case ASCII.tab: bytes.append(contentsOf: [ASCII.backslash, 0x74])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [ASCII.backslash, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            default: bytes.append(byte)
            }
        }
        bytes.append(ASCII.dquote)
    }

    /// Writes a number or literal token verbatim (RFC 8259 §6); the caller guarantees it is valid JSON.
    public mutating func raw(_ token: String) {
        separate()
        bytes.append(contentsOf: token.utf8)
    }
}
