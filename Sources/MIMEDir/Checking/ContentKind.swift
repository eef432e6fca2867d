/// Which MIME directory profile a byte stream holds, judged by its first `BEGIN` line
/// (RFC 5545 §3.4 `BEGIN:VCALENDAR`, RFC 6350 §6.1.1 `BEGIN:VCARD`).
public enum ContentKind: Sendable, Hashable {
    /// iCalendar (text/calendar).
    case iCalendar
    /// vCard (text/vcard).
    case vCard
    /// Neither could be recognised.
    case unknown

    /// Detects the kind from the first non-empty line that starts with `BEGIN:` (case-insensitive, BOM skipped).
    public static func detect(_ bytes: [UInt8]) -> ContentKind {
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while start < bytes.count {
            var end = start
            while end < bytes.count && bytes[end] != ASCII.lf { end += 1 }
            let line = String(decoding: bytes[start..<end], as: UTF8.self).uppercased()
                .trimmingCharacters(whereSpaceOr: ASCII.cr)
            if line.hasPrefix("BEGIN:") {
                let name = line.dropFirst(6)
                if name == "VCALENDAR" { return .iCalendar }
                if name == "VCARD" { return .vCard }
                return .unknown
            }
            if !line.isEmpty { return .unknown }
            start = end + 1
        }
        return .unknown
    }
}

extension String {
    fileprivate func trimmingCharacters(whereSpaceOr extra: UInt8) -> String {
        var bytes = Array(utf8)
        while let last = bytes.last, last == extra || last == ASCII.space || last == ASCII.tab { bytes.removeLast() }
        while let first = bytes.first, first == ASCII.space || first == ASCII.tab { bytes.removeFirst() }
        return String(decoding: bytes, as: UTF8.self)
    }
}
