import Foundation

/// The names of a read's rows, packed into one byte buffer in row order, so that the rows can be sorted by name as
/// SQLite's `BINARY` collation sorts (bytewise, a prefix first) with `memcmp` and without touching a `String`:
/// reads of thousands of rows sort in memory rather than make SQLite sort whole rows, content included.
struct NameKeys {
    private var bytes: [UInt8] = []
    /// The end offset in `bytes` of each name.
    private var ends: [Int] = []

    /// The number of names.
    var count: Int { ends.count }

    /// Adds the name of the next row.
    mutating func append(_ name: String) {
        bytes.append(contentsOf: name.utf8)
        ends.append(bytes.count)
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
