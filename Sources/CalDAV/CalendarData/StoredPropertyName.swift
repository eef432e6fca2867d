/// The property names expansion treats apart (RFC 5545 §3.8.2, §3.8.4.4, §3.8.5, §3.8.7), recognised from the
/// stored bytes of a name without making a string of it; every other name is ``other``.
enum StoredPropertyName: UInt8, CaseIterable {
    case dtstart, dtend, due, duration, rrule, rdate, exdate, exrule, recurrenceID, uid, created, completed
    case begin, end
    case other

    /// The upper-case name.
    var text: String {
        switch self {
        case .dtstart: "DTSTART"
        case .dtend: "DTEND"
        case .due: "DUE"
        case .duration: "DURATION"
        case .rrule: "RRULE"
        case .rdate: "RDATE"
        case .exdate: "EXDATE"
        case .exrule: "EXRULE"
        case .recurrenceID: "RECURRENCE-ID"
        case .uid: "UID"
        case .created: "CREATED"
        case .completed: "COMPLETED"
        case .begin: "BEGIN"
        case .end: "END"
        case .other: ""
        }
    }

    /// Whether the property decides a component's instances or group, so expansion parses it.
    var isTiming: Bool { self != .other && self != .begin && self != .end }

    /// Whether an expanded instance drops the property (RFC 4791 §9.6.5).
    var isRecurrence: Bool { self == .rrule || self == .rdate || self == .exdate || self == .exrule }

    /// The name in `bytes`, ASCII case ignored: the length and first letter pick at most two candidates, and
    /// the whole name must equal one of them.
    static func named(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> StoredPropertyName {
        guard let first = range.first else { return .other }
        let candidates: (StoredPropertyName, StoredPropertyName)
        switch (range.count, bytes[first] & 0xDF) {
        case (3, UInt8(ascii: "D")): candidates = (.due, .other)
        case (3, UInt8(ascii: "U")): candidates = (.uid, .other)
        case (3, UInt8(ascii: "E")): candidates = (.end, .other)
        case (5, UInt8(ascii: "D")): candidates = (.dtend, .other)
        case (5, UInt8(ascii: "R")): candidates = (.rrule, .rdate)
        case (5, UInt8(ascii: "B")): candidates = (.begin, .other)
        case (6, UInt8(ascii: "E")): candidates = (.exdate, .exrule)
        case (7, UInt8(ascii: "D")): candidates = (.dtstart, .other)
        case (7, UInt8(ascii: "C")): candidates = (.created, .other)
        case (8, UInt8(ascii: "D")): candidates = (.duration, .other)
        case (9, UInt8(ascii: "C")): candidates = (.completed, .other)
        case (13, UInt8(ascii: "R")): candidates = (.recurrenceID, .other)
        default: return .other
        }
        guard let key = Key(bytes, range) else { return .other }
        if keys[Int(candidates.0.rawValue)] == key { return candidates.0 }
        if candidates.1 != .other, keys[Int(candidates.1.rawValue)] == key { return candidates.1 }
        return .other
    }

    /// A name of at most 16 bytes, upper-cased, as two words.
    private struct Key: Equatable {
        var low: UInt64 = 0
        var high: UInt64 = 0

        init() {}

        init?(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
            guard range.count <= 16 else { return nil }
            for (position, offset) in range.enumerated() {
                var byte = bytes[offset]
                if byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") { byte -= 0x20 }
                if position < 8 {
                    low |= UInt64(byte) << (8 * UInt64(position))
                } else {
                    high |= UInt64(byte) << (8 * UInt64(position - 8))
                }
            }
        }
    }

    /// The key of each name, by raw value (``other`` has the empty key).
    private static let keys: [Key] = allCases.map { name in
        let text = Array(name.text.utf8)
        return text.withUnsafeBufferPointer { bytes in Key(bytes, 0..<bytes.count) } ?? Key()
    }
}
