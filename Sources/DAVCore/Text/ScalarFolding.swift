import Synchronization

/// The `i;unicode-casemap` key (RFC 5051 §2: compatibility decomposition, then case folding) of single Unicode
/// scalars as a substring prefilter sees them: the key's ASCII bytes lowered and kept, every other byte replaced
/// by 0xFF, which no ASCII pattern holds. Decomposition only ever reorders combining marks among themselves, so
/// the key of a text is, as far as its ASCII bytes and their neighbours go, the keys of its scalars in a row.
enum ScalarFolding {
    /// The byte that stands for any non-ASCII byte of a key.
    static let opaque: UInt8 = 0xFF

    private static let cache = Mutex<[UInt32: [UInt8]]>([:])
    private static let cacheLimit = 4096

    /// The folded bytes of `scalar` (a non-ASCII one; ASCII scalars fold to themselves, lowered).
    static func skeleton(of scalar: Unicode.Scalar) -> [UInt8] {
        if let known = cache.withLock({ $0[scalar.value] }) { return known }
        let folded = Collation.unicodeCasemap.key(String(Character(scalar))).map { byte in
            byte >= 0x80 ? opaque : byte &- 0x41 < 26 ? byte | 0x20 : byte
        }
        cache.withLock { entries in
            if entries.count < cacheLimit { entries[scalar.value] = folded }
        }
        return folded
    }

    /// `text` (UTF-8, ASCII letters already lowered) with every non-ASCII scalar replaced by its skeleton; nil
    /// when `text` is not valid UTF-8. ASCII bytes are copied as they are; only the others are decoded.
    static func skeleton(of bytes: [UInt8]) -> [UInt8]? {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + 16)
        let valid = bytes.withUnsafeBufferPointer { text in
            var index = 0
            while index < text.count {
                let run = index
                while index < text.count, text[index] < 0x80 { index += 1 }
                result.append(contentsOf: UnsafeBufferPointer(rebasing: text[run..<index]))
                guard index < text.count else { break }
                let byte = text[index]
                let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                guard index + length <= text.count, let scalar = scalar(in: text[index..<(index + length)]) else {
                    return false
                }
                result += skeleton(of: scalar)
                index += length
            }
            return true
        }
        return valid ? result : nil
    }

    /// The one scalar that exactly `sequence` encodes, if it is valid UTF-8.
    private static func scalar(in sequence: Slice<UnsafeBufferPointer<UInt8>>) -> Unicode.Scalar? {
        var bytes = sequence.makeIterator()
        var decoder = UTF8()
        guard case .scalarValue(let scalar) = decoder.decode(&bytes), bytes.next() == nil else { return nil }
        return scalar
    }
}
