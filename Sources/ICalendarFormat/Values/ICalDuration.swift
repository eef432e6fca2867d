/// A DURATION value (RFC 5545 §3.3.6): signed weeks, days and an exact time part.
///
/// Days and weeks are nominal (they follow wall-clock days across DST); hours, minutes and seconds are exact.
public struct ICalDuration: Sendable, Hashable {
    /// True for a leading `-` (RFC 5545 §3.3.6 `dur-value`).
    public var isNegative: Bool
    /// Weeks (non-negative).
    public var weeks: Int
    /// Days (non-negative).
    public var days: Int
    /// Hours (non-negative).
    public var hours: Int
    /// Minutes (non-negative).
    public var minutes: Int
    /// Seconds (non-negative).
    public var seconds: Int

    /// Creates a duration from non-negative parts and a sign (RFC 5545 §3.3.6).
    public init(
        isNegative: Bool = false,
        weeks: Int = 0,
        days: Int = 0,
        hours: Int = 0,
        minutes: Int = 0,
        seconds: Int = 0
    ) {
        self.isNegative = isNegative
        self.weeks = weeks
        self.days = days
        self.hours = hours
        self.minutes = minutes
        self.seconds = seconds
    }

    /// Creates a duration of `seconds` exact seconds, split into days/hours/minutes/seconds (RFC 5545 §3.3.6).
    public init(totalSeconds: Int) {
        let magnitude = abs(totalSeconds)
        self.init(
            isNegative: totalSeconds < 0,
            days: magnitude / 86_400,
            hours: magnitude % 86_400 / 3_600,
            minutes: magnitude % 3_600 / 60,
            seconds: magnitude % 60
        )
    }

    /// The signed nominal day count, weeks × 7 + days (RFC 5545 §3.3.6).
    public var nominalDays: Int { (weeks * 7 + days) * (isNegative ? -1 : 1) }

    /// The signed exact part in seconds, hours × 3600 + minutes × 60 + seconds (RFC 5545 §3.3.6).
    public var exactSeconds: Int { (hours * 3_600 + minutes * 60 + seconds) * (isNegative ? -1 : 1) }

    /// The signed total in seconds counting a day as 86,400 s (exact only without DST changes).
    public var totalSeconds: Int { nominalDays * 86_400 + exactSeconds }

    /// Parses `[+/-]P[nW][nD][T[nH][nM][nS]]` (RFC 5545 §3.3.6; weeks combined with days are accepted leniently).
    public static func parse(_ text: String) -> ICalDuration? {
        DigitScanner.withBytes(text) { bytes -> ICalDuration? in
            var index = 0
            var result = ICalDuration()
            if index < bytes.count && (bytes[index] == 0x2B || bytes[index] == 0x2D) {
                result.isNegative = bytes[index] == 0x2D
                index += 1
            }
            guard index < bytes.count, bytes[index] | 0x20 == 0x70 else { return nil }
            index += 1
            var inTime = false
            var sawComponent = false
            var sawTimeComponent = false
            while index < bytes.count {
                if bytes[index] | 0x20 == 0x74 {
                    guard !inTime else { return nil }
                    inTime = true
                    index += 1
                    continue
                }
                var value = 0
                let start = index
                while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                    value = value * 10 + Int(bytes[index] - 0x30)
                    guard value < 1_000_000_000 else { return nil }
                    index += 1
                }
                guard index > start, index < bytes.count else { return nil }
                switch (bytes[index] | 0x20, inTime) {
                case (0x77, false): result.weeks = value
                case (0x64, false): result.days = value
                case (0x68, true): result.hours = value
                case (0x6D, true): result.minutes = value
                case (0x73, true): result.seconds = value
                default: return nil
                }
                sawComponent = true
                sawTimeComponent = sawTimeComponent || inTime
                index += 1
            }
            guard sawComponent, !inTime || sawTimeComponent else { return nil }
            return result
        }
    }

    /// The canonical text, e.g. `-PT15M`, `P1W`, `P1DT2H` (RFC 5545 §3.3.6).
    public var valueText: String {
        var text = isNegative ? "-P" : "P"
        if weeks > 0 && days == 0 && hours == 0 && minutes == 0 && seconds == 0 { return text + "\(weeks)W" }
        let totalDays = weeks * 7 + days
        if totalDays > 0 { text += "\(totalDays)D" }
        if hours > 0 || minutes > 0 || seconds > 0 {
            text += "T"
            if hours > 0 { text += "\(hours)H" }
            if minutes > 0 { text += "\(minutes)M" }
            if seconds > 0 { text += "\(seconds)S" }
        }
        if totalDays == 0 && hours == 0 && minutes == 0 && seconds == 0 { text += "T0S" }
        return text
    }
}
