import DAVXML

/// Stored bytes written as the character data of an element (XML 1.0 §2.4): `&`, `<`, `>` and CR escaped exactly
/// as `XMLWriter` escapes text (CR as `&#13;`, so a stored CR LF survives a reader's line-end normalisation,
/// XML 1.0 §2.11), without first making a `String` of them. Eight bytes are tested at a time; bytes that are not
/// well-formed UTF-8 are replaced by U+FFFD as `String(decoding:as:)` replaces them, so the output is what the
/// same bytes decoded into a `String` and written by `XMLWriter` give.
enum EscapedCharacterData {
    /// Appends `bytes`, escaped, to `output`. `scratch` is working room the escaped form is written to first; it is
    /// kept between calls (grown when too small), so escaping many objects allocates once.
    static func append(_ bytes: [UInt8], to output: inout [UInt8], scratch: inout [UInt8]) {
        if appendCompactlyEscaped(bytes, to: &output, scratch: &scratch) { return }
        let start = output.count
        let wellFormed = bytes.withUnsafeBufferPointer { appendIfWellFormed($0, to: &output) }
        if !wellFormed {
            output.removeLast(output.count - start)
            XMLWriter.appendEscapedText(String(decoding: bytes, as: UTF8.self), to: &output)
        }
    }

    /// Escapes `bytes` into `scratch`, which holds a quarter more than their size, each word of eight copied as it
    /// is tested and replacements stored whole, with no call per run, then appends the result to `output`; false
    /// (having appended nothing) when they are not well-formed UTF-8 or their escaped form needs more room (many
    /// `&`, `<`, `>` or CR), which the run-by-run path then handles.
    private static func appendCompactlyEscaped(_ bytes: [UInt8], to output: inout [UInt8], scratch: inout [UInt8])
        -> Bool
    {
        let capacity = bytes.count + bytes.count / 4 + 16
        if scratch.count < capacity { scratch = [UInt8](repeating: 0, count: max(capacity, 2 * scratch.count)) }
        let written = bytes.withUnsafeBufferPointer { source in
            scratch.withUnsafeMutableBufferPointer { buffer -> Int? in
                guard let base = source.baseAddress, let destination = buffer.baseAddress else { return 0 }
                return write(base, count: source.count, into: destination, capacity: capacity)
            }
        }
        guard let written else { return false }
        output.append(contentsOf: scratch[..<written])
        return true
    }

    /// Writes the escaped form of the `count` bytes at `base` to `destination`, which holds `capacity` bytes;
    /// the number written, or nil at an ill-formed UTF-8 sequence or when fewer than 16 bytes of room are left
    /// before the input is done (a step writes at most 15 bytes: an eight-byte word stored whole, then up to seven
    /// bytes further an eight-byte store holding a replacement).
    private static func write(
        _ base: UnsafePointer<UInt8>,
        count: Int,
        into destination: UnsafeMutablePointer<UInt8>,
        capacity: Int
    ) -> Int? {
        let target = UnsafeMutableRawPointer(destination)
        var written = 0
        var index = 0
        while index < count {
            guard written <= capacity - 16 else { return nil }
            if index + 8 <= count {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                target.storeBytes(of: word, toByteOffset: written, as: UInt64.self)
                let marked = marks(UInt64(littleEndian: word))
                if marked == 0 {
                    index += 8
                    written += 8
                    continue
                }
                let offset = marked.trailingZeroBitCount / 8
                index += offset
                written += offset
            }
            let byte = base[index]
            if byte >= 0x80 {
                let length = sequenceLength(base, at: index, count: count)
                guard length > 0 else { return nil }
                (destination + written).initialize(from: base + index, count: length)
                index += length
                written += length
                continue
            }
            index += 1
            // The replacement's bytes as a little-endian word, stored whole; what follows it is overwritten next.
            let replacement: (word: UInt64, length: Int)
            switch byte {
            case 0x26: replacement = (0x3B_70_6D_61_26, 5)  // &amp;
            case 0x3C: replacement = (0x3B_74_6C_26, 4)  // &lt;
            case 0x3E: replacement = (0x3B_74_67_26, 4)  // &gt;
            case 0x0D: replacement = (0x3B_33_31_23_26, 5)  // &#13;
            default:
                destination[written] = byte
                written += 1
                continue
            }
            target.storeBytes(of: UInt64(littleEndian: replacement.word), toByteOffset: written, as: UInt64.self)
            written += replacement.length
        }
        return written
    }

    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// A byte of 0x80 at each zero byte of `word`, and possibly at bytes above the lowest zero byte (the lowest
    /// marked byte is always a zero byte).
    @inline(__always)
    private static func zeroBytes(_ word: UInt64) -> UInt64 {
        (word &- ones) & ~word & highBits
    }

    /// Marks the bytes of `word` that need a look — `&`, `<`, `>`, CR, or a byte of a multi-byte sequence — such
    /// that the lowest marked byte is the first that needs one (zero when none does). `<` (0x3C) and `>` (0x3E)
    /// differ in one bit only, so one test finds both: with that bit set, either byte is 0x3E.
    @inline(__always)
    private static func marks(_ word: UInt64) -> UInt64 {
        (word & highBits) | zeroBytes(word ^ (ones &* 0x26)) | zeroBytes((word | (ones &* 0x02)) ^ (ones &* 0x3E))
            | zeroBytes(word ^ (ones &* 0x0D))
    }

    /// Appends the escaped bytes; false (having appended part of them) at the first ill-formed UTF-8 sequence.
    private static func appendIfWellFormed(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let count = bytes.count
        var pending = 0
        var index = 0
        while index < count {
            if index + 8 <= count {
                let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
                let marked = marks(word)
                if marked == 0 {
                    index += 8
                    continue
                }
                index += marked.trailingZeroBitCount / 8
            }
            let byte = base[index]
            if byte >= 0x80 {
                let length = sequenceLength(base, at: index, count: count)
                guard length > 0 else { return false }
                index += length
                continue
            }
            let replacement: StaticString
            switch byte {
            case 0x26: replacement = "&amp;"
            case 0x3C: replacement = "&lt;"
            case 0x3E: replacement = "&gt;"
            case 0x0D: replacement = "&#13;"
            default:
                index += 1
                continue
            }
            output.append(contentsOf: UnsafeBufferPointer(start: base + pending, count: index - pending))
            output.append(
                contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount)
            )
            index += 1
            pending = index
        }
        output.append(contentsOf: UnsafeBufferPointer(start: base + pending, count: count - pending))
        return true
    }

    /// The length of the well-formed UTF-8 sequence starting at `index` with a byte of 0x80 or more (Unicode
    /// Table 3-7), or 0 when it is ill-formed or cut off.
    @inline(__always)
    private static func sequenceLength(_ base: UnsafePointer<UInt8>, at index: Int, count: Int) -> Int {
        let lead = base[index]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0:
            length = 3
            low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED:
            length = 3
            high = 0x9F
        case 0xF0:
            length = 4
            low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4:
            length = 4
            high = 0x8F
        default: return 0
        }
        guard index + length <= count else { return 0 }
        let second = base[index + 1]
        guard second >= low, second <= high else { return 0 }
        for offset in 2..<length where base[index + offset] & 0xC0 != 0x80 { return 0 }
        return length
    }
}
