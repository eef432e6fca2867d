/// Byte-level reads of one stored content line, continuation lines included (RFC 5545 §3.1).
enum StoredLineText {
    /// `line` without its line breaks: each CRLF and the space or tab after it that folds the line are dropped,
    /// and so is the final CRLF (RFC 5545 §3.1 unfolding), into `output` (replaced).
    static func unfold(_ line: ArraySlice<UInt8>, into output: inout [UInt8]) {
        output.removeAll(keepingCapacity: true)
        var index = line.startIndex
        while index < line.endIndex {
            let byte = line[index]
            if byte == UInt8(ascii: "\r"), index + 1 < line.endIndex, line[index + 1] == UInt8(ascii: "\n") {
                index += 3
                continue
            }
            output.append(byte)
            index += 1
        }
    }

    /// Whether a parameter of `line` is named TZID (RFC 5545 §3.2.19), read up to the colon that starts the
    /// value outside quotes, across folds.
    static func mentionsTZID(_ line: ArraySlice<UInt8>) -> Bool {
        var index = line.startIndex
        var quoted = false
        var recent: UInt64 = 0
        while index < line.endIndex {
            let byte = line[index]
            if byte == UInt8(ascii: "\r"), index + 1 < line.endIndex, line[index + 1] == UInt8(ascii: "\n") {
                index += 3
                continue
            }
            if byte == UInt8(ascii: "\"") {
                quoted.toggle()
            } else if !quoted {
                if byte == UInt8(ascii: ":") { return false }
                let upper = byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") ? byte - 0x20 : byte
                recent = (recent << 8 | UInt64(upper)) & 0xFFFF_FFFF_FFFF
                if recent == Self.tzidParameter { return true }
            }
            index += 1
        }
        return false
    }

    /// The bytes `;TZID=`, as the last six bytes ``mentionsTZID(_:)`` read hold them.
    private static let tzidParameter: UInt64 = 0x3B54_5A49_443D
}
