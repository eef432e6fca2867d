import DAVCore
import Synchronization

/// The `i;unicode-casemap` key (RFC 5051 §2; ``Collation/key(_:)``) of a text built from the keys of its scalars,
/// each computed once and remembered: the key of a text is the keys of its scalars in a row, since compatibility
/// decomposition and case folding work scalar by scalar and canonical reordering only moves combining marks
/// among themselves. A text with a scalar whose key begins with a combining mark (which the marks before it
/// could be reordered with) is keyed whole. The PUT of a card keys every value; this keeps Foundation's
/// normalisation off that path for all but the first occurrence of each scalar.
enum CasemapKey {
    private static let cache = Mutex<[UInt32: [UInt8]]>([:])
    private static let cacheLimit = 8192

    /// The key of `text`, equal to `Collation.unicodeCasemap.key(text)`.
    static func of(_ text: String) -> [UInt8] {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return Collation.unicodeCasemap.key(text) }
        var folded: [UInt8] = []
        folded.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                let byte = UInt8(scalar.value)
                folded.append(byte &- 0x41 < 26 ? byte | 0x20 : byte)
                continue
            }
            guard let scalarKey = Self.key(of: scalar) else { return Collation.unicodeCasemap.key(text) }
            folded += scalarKey
        }
        return folded
    }

    /// The key of one non-ASCII scalar; nil when it begins with a combining mark.
    private static func key(of scalar: Unicode.Scalar) -> [UInt8]? {
        if let known = cache.withLock({ $0[scalar.value] }) { return known.isEmpty ? nil : known }
        let key = Collation.unicodeCasemap.key(String(Character(scalar)))
        let leadsWithMark = String(decoding: key, as: UTF8.self).unicodeScalars.first.map {
            $0.properties.canonicalCombiningClass != .notReordered
        }
        let kept = leadsWithMark == false ? key : []
        cache.withLock { entries in
            if entries.count < cacheLimit { entries[scalar.value] = kept }
        }
        return kept.isEmpty ? nil : kept
    }
}
