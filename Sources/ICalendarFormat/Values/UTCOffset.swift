/// A UTC-OFFSET value (RFC 5545 §3.3.14), e.g. `+0100` or `-053000`.
public struct UTCOffset: Sendable, Hashable {
    /// The signed offset from UTC in seconds (east positive).
    public var totalSeconds: Int

    /// Creates an offset of `totalSeconds` seconds east of UTC (RFC 5545 §3.3.14).
    public init(totalSeconds: Int) {
        self.totalSeconds = totalSeconds
    }

    /// Parses `(+/-)hhmm[ss]`; `+hh:mm` is accepted leniently (RFC 5545 §3.3.14). `-0000` is refused.
    public static func parse(_ text: String) -> UTCOffset? {
        let compact = text.utf8.contains(0x3A) ? String(text.filter { $0 != ":" }) : text
        return DigitScanner.withBytes(compact) { bytes -> UTCOffset? in
            guard bytes.count == 5 || bytes.count == 7, bytes[0] == 0x2B || bytes[0] == 0x2D,
                let hours = DigitScanner.number(bytes, 1, 2), let minutes = DigitScanner.number(bytes, 3, 2),
                hours <= 23, minutes <= 59
            else { return nil }
            let seconds = bytes.count == 7 ? DigitScanner.number(bytes, 5, 2) : 0
            guard let seconds, seconds <= 59 else { return nil }
            let magnitude = hours * 3_600 + minutes * 60 + seconds
            if bytes[0] == 0x2D && magnitude == 0 { return nil }
            return UTCOffset(totalSeconds: bytes[0] == 0x2D ? -magnitude : magnitude)
        }
    }

    /// The canonical text `±hhmm` or `±hhmmss` (RFC 5545 §3.3.14).
    public var valueText: String {
        var output: [UInt8] = [totalSeconds < 0 ? 0x2D : 0x2B]
        let magnitude = abs(totalSeconds)
        DigitScanner.append(magnitude / 3_600, width: 2, to: &output)
        DigitScanner.append(magnitude % 3_600 / 60, width: 2, to: &output)
        if magnitude % 60 != 0 { DigitScanner.append(magnitude % 60, width: 2, to: &output) }
        return String(decoding: output, as: UTF8.self)
    }
}
