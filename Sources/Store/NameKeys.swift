import Foundation

/// The names of a read's rows, packed into one byte buffer in row order, so that the rows can be sorted by name as
/// SQLite's `BINARY` collation sorts (bytewise, a prefix first) with `memcmp` and without touching a `String`:
/// reads of thousands of rows sort in memory rather than make SQLite sort whole rows, content included.
struct NameKeys {
    private var bytes: [UInt8] = []
    /// The end offset in `bytes` of each name.
    private var ends: [Int] = []
    /// The first eight bytes of each name as a big-endian number, zero-padded: comparing two of them orders the
    /// names as `memcmp` of those bytes does (no name holds a NUL), so most comparisons need no `memcmp`.
    private var prefixes: [UInt64] = []

    /// The number of names.
    var count: Int { ends.count }

    /// Adds the name of the next row.
    mutating func append(_ name: String) {
        let start = bytes.count
        bytes.append(contentsOf: name.utf8)
        ends.append(bytes.count)
        var prefix: UInt64 = 0
        for offset in 0..<8 {
            prefix <<= 8
            if start + offset < bytes.count { prefix |= UInt64(bytes[start + offset]) }
        }
        prefixes.append(prefix)
    }

    /// The row positions in name order; equal names keep their row order.
    func sortedIndices() -> [Int] {
        var order = Array(ends.indices)
        guard order.count > 1 else { return order }
        bytes.withUnsafeBufferPointer { bytes in
            ends.withUnsafeBufferPointer { ends in
                // An empty buffer (every name empty) has no base address: then all names are equal.
                guard let base = bytes.baseAddress else { return }
                func range(_ index: Int) -> (start: Int, count: Int) {
                    let start = index == 0 ? 0 : ends[index - 1]
                    return (start, ends[index] - start)
                }
                order.sort { left, right in
                    if prefixes[left] != prefixes[right] { return prefixes[left] < prefixes[right] }
                    let (leftStart, leftCount) = range(left)
                    let (rightStart, rightCount) = range(right)
                    let compared = memcmp(base + leftStart, base + rightStart, min(leftCount, rightCount))
                    if compared != 0 { return compared < 0 }
                    return leftCount != rightCount ? leftCount < rightCount : left < right
                }
            }
        }
        return order
    }
}
