import Foundation
import ICalendarFormat

/// A CALDAV:time-range (RFC 4791 §9.9): a half-open span `[start, end)` of UTC seconds since the Unix
/// epoch, either side possibly absent (−∞ / +∞). Also the shape of CALDAV:expand, limit-recurrence-set and
/// limit-freebusy-set (RFC 4791 §9.6.5–§9.6.7), which require both sides.
public struct CalendarTimeRange: Sendable, Hashable {
    /// Inclusive start, UTC seconds; nil is −∞.
    public var start: Int64?
    /// Exclusive end, UTC seconds; nil is +∞.
    public var end: Int64?

    /// Creates a range (RFC 4791 §9.9).
    public init(start: Int64?, end: Int64?) {
        self.start = start
        self.end = end
    }

    /// Whether the half-open interval `[from, to)` overlaps this range (RFC 4791 §9.9 `start < E AND end > S`);
    /// an instant (`from == to`) overlaps when `start <= from < end`.
    public func overlaps(from: Int64, to: Int64) -> Bool {
        let start = start ?? Int64.min
        let end = end ?? Int64.max
        if from == to { return start <= from && end > from }
        return start < to && end > from
    }

    /// Parses a time-range attribute value: a UTC DATE-TIME in basic format, `20060104T000000Z`
    /// (RFC 4791 §9.9: "date with UTC time"); nil for anything else.
    public static func parseUTC(_ text: String) -> Int64? {
        guard let value = ICalDateTime.parse(text.trimmingCharacters(in: .whitespacesAndNewlines)), value.isUTC else {
            return nil
        }
        return Int64(value.fieldSeconds)
    }

    /// The UTC DATE-TIME text of `seconds`, `20060104T000000Z` (RFC 5545 §3.3.5 form #2).
    public static func utcText(_ seconds: Int64) -> String {
        CalendarTime.utcDateTime(seconds).valueText
    }
}
