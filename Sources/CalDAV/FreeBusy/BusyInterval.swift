/// A span of busy time of one FBTYPE (RFC 5545 §3.2.9, §3.8.2.6): `[start, end)` in UTC seconds.
public struct BusyInterval: Sendable, Hashable {
    /// FBTYPE, upper-cased: `BUSY`, `BUSY-TENTATIVE`, `BUSY-UNAVAILABLE` or an extension.
    public var type: String
    /// Inclusive start, UTC seconds.
    public var start: Int64
    /// Exclusive end, UTC seconds.
    public var end: Int64

    /// Creates an interval (RFC 5545 §3.8.2.6).
    public init(type: String, start: Int64, end: Int64) {
        self.type = type
        self.start = start
        self.end = end
    }

    /// The intervals of each type united where they overlap or touch, sorted by start, then type
    /// (RFC 5545 §3.8.2.6: "FREEBUSY ... SHOULD be sorted in ascending order"; RFC 4791 §7.10).
    public static func merged(_ intervals: [BusyInterval]) -> [BusyInterval] {
        var result: [BusyInterval] = []
        let sorted = intervals.filter { $0.end > $0.start }.sorted { ($0.type, $0.start) < ($1.type, $1.start) }
        for interval in sorted {
            if let last = result.last, last.type == interval.type, interval.start <= last.end {
                result[result.count - 1].end = Swift.max(last.end, interval.end)
            } else {
                result.append(interval)
            }
        }
        return result.sorted { ($0.start, $0.type) < ($1.start, $1.type) }
    }
}
