/// TEXT value escaping shared by iCalendar and vCard (RFC 5545 §3.3.11, RFC 6350 §3.4).
public enum TextEscaping {
    /// Escapes `\`, `;`, `,` and newlines for a TEXT value (RFC 5545 §3.3.11).
    public static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x5C || $0 == 0x3B || $0 == 0x2C || $0 == 0x0A || $0 == 0x0D }) else {
            return text
        }
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count + 8)
        var previousWasCR = false
        for byte in text.utf8 {
            switch byte {
            case ASCII.backslash, ASCII.semicolon, ASCII.comma: output.append(contentsOf: [ASCII.backslash, byte])
            case ASCII.cr: output.append(contentsOf: [ASCII.backslash, 0x6E])
            case ASCII.lf where previousWasCR: break
            case ASCII.lf: output.append(contentsOf: [ASCII.backslash, 0x6E])
            default: output.append(byte)
            }
            previousWasCR = byte == ASCII.cr
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Resolves `\\`, `\;`, `\,`, `\n`/`\N` (and, leniently, any other `\x` to `x`) (RFC 5545 §3.3.11).
    public static func unescape(_ text: String) -> String {
        guard text.utf8.contains(ASCII.backslash) else { return text }
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        var escaped = false
        for byte in text.utf8 {
            if escaped {
                output.append(byte == 0x6E || byte == 0x4E ? ASCII.lf : byte)
                escaped = false
            } else if byte == ASCII.backslash {
                escaped = true
            } else {
                output.append(byte)
            }
        }
        if escaped { output.append(ASCII.backslash) }
        return String(decoding: output, as: UTF8.self)
    }

    /// Splits a raw (still escaped) value at every unescaped `separator` byte (RFC 5545 §3.1.1, RFC 6350 §3.4).
    public static func splitEscaped(_ text: String, separator: UInt8) -> [String] {
        guard text.utf8.contains(separator) else { return [text] }
        var parts: [String] = []
        var current: [UInt8] = []
        var escaped = false
        for byte in text.utf8 {
            if escaped {
                escaped = false
            } else if byte == ASCII.backslash {
                escaped = true
            } else if byte == separator {
                parts.append(String(decoding: current, as: UTF8.self))
                current.removeAll(keepingCapacity: true)
                continue
            }
            current.append(byte)
        }
        parts.append(String(decoding: current, as: UTF8.self))
        return parts
    }

    /// Splits a raw value at unescaped commas and unescapes each part (RFC 5545 §3.1.1 multi-valued TEXT).
    public static func textList(_ text: String) -> [String] {
        splitEscaped(text, separator: ASCII.comma).map(unescape)
    }

    /// Splits a structured value at unescaped semicolons, then each field at unescaped commas,
    /// unescaping every part (RFC 6350 §3.4 compound values such as N and ADR).
    public static func structured(_ text: String) -> [[String]] {
        splitEscaped(text, separator: ASCII.semicolon).map(textList)
    }

    /// Joins structured fields back into a raw escaped value (RFC 6350 §3.4).
    public static func joinStructured(_ fields: [[String]]) -> String {
        fields.map { $0.map(escape).joined(separator: ",") }.joined(separator: ";")
    }
}
