#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// HTTP dates (RFC 9110 §5.6.7): formats IMF-fixdate, parses IMF-fixdate, RFC 850 and asctime forms.
///
/// Dates are whole seconds since the Unix epoch; HTTP has no finer resolution.
public enum HTTPDate {
    private static let dayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let monthNames = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]

    /// `Sun, 06 Nov 1994 08:49:37 GMT` for the given epoch seconds.
    public static func format(epochSeconds: Int64) -> String {
        var time = time_t(epochSeconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(29)
        bytes += dayNames[Int(parts.tm_wday)].utf8
        bytes += ", ".utf8
        appendTwoDigits(parts.tm_mday, to: &bytes)
        bytes.append(UInt8(ascii: " "))
        bytes += monthNames[Int(parts.tm_mon)].utf8
        bytes.append(UInt8(ascii: " "))
        let year = parts.tm_year + 1900
        appendTwoDigits(year / 100, to: &bytes)
        appendTwoDigits(year % 100, to: &bytes)
        bytes.append(UInt8(ascii: " "))
        appendTwoDigits(parts.tm_hour, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        appendTwoDigits(parts.tm_min, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        appendTwoDigits(parts.tm_sec, to: &bytes)
        bytes += " GMT".utf8
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func appendTwoDigits(_ value: Int32, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "0") + UInt8(value / 10 % 10))
        bytes.append(UInt8(ascii: "0") + UInt8(value % 10))
    }

    /// The current time formatted, for the `Date` header. Formatting is cheaper than sharing a cached value
    /// between worker threads through a lock.
    public static func now() -> String {
        format(epochSeconds: Int64(time(nil)))
    }

    /// Parses any of the three HTTP date forms; nil when the text is none of them.
    public static func parse(_ text: String) -> Int64? {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        var day: Int32
        var month: Int32
        var year: Int32
        var clock: String
        switch words.count {
        case 6 where words[5] == "GMT":
            // IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT
            guard let parsedDay = Int32(words[1]), let parsedYear = Int32(words[3]) else { return nil }
            (day, year, clock) = (parsedDay, parsedYear, words[4])
            guard let index = monthNames.firstIndex(of: words[2]) else { return nil }
            month = Int32(index)
        case 4 where words[3] == "GMT":
            // RFC 850: Sunday, 06-Nov-94 08:49:37 GMT
            let dateParts = words[1].split(separator: "-").map(String.init)
            guard dateParts.count == 3, let parsedDay = Int32(dateParts[0]), let shortYear = Int32(dateParts[2]),
                let index = monthNames.firstIndex(of: dateParts[1])
            else { return nil }
            (day, month, clock) = (parsedDay, Int32(index), words[2])
            year = shortYear < 70 ? 2000 + shortYear : (shortYear < 100 ? 1900 + shortYear : shortYear)
        case 5:
            // asctime: Sun Nov  6 08:49:37 1994
            guard let parsedDay = Int32(words[2]), let parsedYear = Int32(words[4]),
                let index = monthNames.firstIndex(of: words[1])
            else { return nil }
            (day, month, year, clock) = (parsedDay, Int32(index), parsedYear, words[3])
        default:
            return nil
        }
        let clockParts = clock.split(separator: ":").compactMap { Int32($0) }
        guard clockParts.count == 3, (1...31).contains(day), (0...23).contains(clockParts[0]),
            (0...59).contains(clockParts[1]), (0...60).contains(clockParts[2])
        else { return nil }
        var parts = tm()
        parts.tm_year = year - 1900
        parts.tm_mon = month
        parts.tm_mday = day
        parts.tm_hour = clockParts[0]
        parts.tm_min = clockParts[1]
        parts.tm_sec = clockParts[2]
        return Int64(timegm(&parts))
    }
}
