/// Rewrites basic-format ISO 8601 date/time text (`19970714T133000Z`, `--0412`, `-0500`) in the extended
/// format (`1997-07-14T13:30:00Z`, `--04-12`, `-05:00`) that jCal (RFC 7265 §3.3.4–3.3.5, §3.3.14) and
/// jCard (RFC 7095 §3.5.3–3.5.7) require. Parts that do not fit the basic grammar are left unchanged.
public enum ExtendedDateFormat {
    /// The extended form of a DATE, DATE-TIME, UTC-OFFSET or vCard date-and-or-time / timestamp value.
    public static func convert(_ basic: String) -> String {
        if let separator = basic.firstIndex(where: { $0 == "T" || $0 == "t" }) {
            let datePart = String(basic[..<separator])
            let timePart = String(basic[basic.index(after: separator)...])
            return date(datePart) + "T" + time(timePart)
        }
        let bytes = Array(basic.utf8)
        if (bytes.count == 5 || bytes.count == 7),
            bytes[0] == 0x2B || (bytes[0] == ASCII.hyphen && bytes[1] != ASCII.hyphen),
            bytes.dropFirst().allSatisfy(ASCII.isDigit)
        {
            return offset(bytes)
        }
        return date(basic)
    }

    private static func date(_ text: String) -> String {
        let bytes = Array(text.utf8)
        if bytes.count == 8 && bytes.allSatisfy(ASCII.isDigit) {
            return String(
                decoding: bytes[0..<4] + [ASCII.hyphen] + bytes[4..<6] + [ASCII.hyphen] + bytes[6..<8],
                as: UTF8.self
            )
        }
        if bytes.count == 6 && bytes[0] == ASCII.hyphen && bytes[1] == ASCII.hyphen
            && bytes[2...].allSatisfy(ASCII.isDigit)
        {
            return String(decoding: bytes[0..<4] + [ASCII.hyphen] + bytes[4..<6], as: UTF8.self)
        }
        return text
    }

    private static func time(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var digitsEnd = 0
        while digitsEnd < bytes.count && ASCII.isDigit(bytes[digitsEnd]) { digitsEnd += 1 }
        guard digitsEnd % 2 == 0 else { return text }
        var output: [UInt8] = []
        for index in stride(from: 0, to: digitsEnd, by: 2) {
            if index > 0 { output.append(ASCII.colon) }
            output += bytes[index..<(index + 2)]
        }
        if digitsEnd == 4 { output += [ASCII.colon, 0x30, 0x30] }
        let zone = Array(bytes[digitsEnd...])
        if (zone.count == 5 || zone.count == 7) && (zone[0] == 0x2B || zone[0] == ASCII.hyphen) {
            return String(decoding: output, as: UTF8.self) + offset(zone)
        }
        return String(decoding: output + zone, as: UTF8.self)
    }

    private static func offset(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = [bytes[0]]
        for index in stride(from: 1, to: bytes.count - 1, by: 2) {
            if index > 1 { output.append(ASCII.colon) }
            output += bytes[index..<(index + 2)]
        }
        return String(decoding: output, as: UTF8.self)
    }
}
