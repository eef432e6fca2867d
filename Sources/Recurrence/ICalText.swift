/// Formatting and parsing of the basic-format DATE and DATE-TIME texts of RFC 5545 §3.3.4–§3.3.5.
enum ICalText {
    /// `YYYYMMDD`.
    static func date(_ value: CivilDateTime) -> String {
        pad(value.year, 4) + pad(value.month, 2) + pad(value.day, 2)
    }

    /// `YYYYMMDDTHHMMSS`.
    static func dateTime(_ value: CivilDateTime) -> String {
        date(value) + "T" + pad(value.hour, 2) + pad(value.minute, 2) + pad(value.second, 2)
    }

    private static func pad(_ number: Int, _ width: Int) -> String {
        let text = String(number < 0 ? -number : number)
        let padded = text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
        return number < 0 ? "-" + padded : padded
    }

    /// A parsed DATE or DATE-TIME text.
    struct Parsed {
        var value: CivilDateTime
        var isDate: Bool
        var isUTC: Bool
    }

    /// Parses `YYYYMMDD`, `YYYYMMDDTHHMMSS` or `YYYYMMDDTHHMMSSZ` (RFC 5545 §3.3.4–§3.3.5);
    /// nil when malformed or not a real date.
    static func parse(_ text: some StringProtocol) -> Parsed? {
        let bytes = Array(text.utf8)
        func digits(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[from..<(from + count)] {
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard let year = digits(0, 4), let month = digits(4, 2), let day = digits(6, 2) else { return nil }
        var result = Parsed(value: CivilDateTime(year: year, month: month, day: day), isDate: true, isUTC: false)
        if bytes.count == 8 {
            return result.value.isValid ? result : nil
        }
        guard bytes.count == 15 || bytes.count == 16, bytes[8] == UInt8(ascii: "T") || bytes[8] == UInt8(ascii: "t"),
            let hour = digits(9, 2), let minute = digits(11, 2), let second = digits(13, 2)
        else { return nil }
        if bytes.count == 16 {
            guard bytes[15] == UInt8(ascii: "Z") || bytes[15] == UInt8(ascii: "z") else { return nil }
            result.isUTC = true
        }
        result.isDate = false
        result.value.hour = hour
        result.value.minute = minute
        result.value.second = second
        return result.value.isValid ? result : nil
    }
}
