import Foundation

/// Writes VTIMEZONE components (RFC 5545 §3.6.5) from the system tz database, so a server that
/// stores or answers with time zones by reference can fill them in for clients that need them
/// (RFC 7809 §3.1.2, §3.1.3).
public enum VTimeZoneWriter {
    /// The VTIMEZONE text (CRLF line ends) for a system zone, exact for local times in
    /// `[fromYear, toYear]`: one STANDARD or DAYLIGHT observance per distinct (kind, offsets, name),
    /// its first onset as DTSTART and the others as RDATEs. Nil for an unknown zone (RFC 7809 §3).
    public static func text(forTZID tzid: String, fromYear: Int = 1970, toYear: Int = 2037) -> String? {
        guard let zone = TimeZone(identifier: tzid), fromYear <= toYear else { return nil }
        let start = GregorianMath.dayNumber(year: fromYear, month: 1, day: 1) * 86_400
        let end = GregorianMath.dayNumber(year: toYear + 1, month: 1, day: 1) * 86_400
        func date(_ seconds: Int64) -> Date { Date(timeIntervalSince1970: TimeInterval(seconds)) }
        struct Key: Hashable {
            var daylight: Bool
            var from: Int
            var to: Int
            var name: String
        }
        var order: [Key] = []
        var onsets: [Key: [Int64]] = [:]
        func add(_ key: Key, _ local: Int64) {
            if onsets[key] == nil { order.append(key) }
            onsets[key, default: []].append(local)
        }
        let initialOffset = zone.secondsFromGMT(for: date(start))
        add(
            Key(
                daylight: zone.isDaylightSavingTime(for: date(start)),
                from: initialOffset,
                to: initialOffset,
                name: zone.abbreviation(for: date(start)) ?? tzid
            ),
            start + Int64(initialOffset)
        )
        var cursor = date(start)
        var previousOffset = initialOffset
        var steps = 0
        while steps < 10_000, let next = zone.nextDaylightSavingTimeTransition(after: cursor),
            next.timeIntervalSince1970 < TimeInterval(end)
        {
            steps += 1
            let offset = zone.secondsFromGMT(for: next)
            let key = Key(
                daylight: zone.isDaylightSavingTime(for: next),
                from: previousOffset,
                to: offset,
                name: zone.abbreviation(for: next) ?? tzid
            )
            add(key, Int64(next.timeIntervalSince1970.rounded()) + Int64(previousOffset))
            previousOffset = offset
            cursor = next
        }
        var lines = ["BEGIN:VTIMEZONE", "TZID:" + tzid]
        for key in order {
            guard let locals = onsets[key], let first = locals.first else { continue }
            let kind = key.daylight ? "DAYLIGHT" : "STANDARD"
            lines.append("BEGIN:" + kind)
            lines.append("TZOFFSETFROM:" + offsetText(key.from))
            lines.append("TZOFFSETTO:" + offsetText(key.to))
            lines.append("TZNAME:" + key.name)
            lines.append("DTSTART:" + ICalText.dateTime(LocalTimestamp(secondsSinceEpoch: first).civil))
            for chunk in stride(from: 1, to: locals.count, by: 8) {
                let values = locals[chunk..<Swift.min(chunk + 8, locals.count)]
                lines.append(
                    "RDATE:"
                        + values.map { ICalText.dateTime(LocalTimestamp(secondsSinceEpoch: $0).civil) }
                        .joined(separator: ",")
                )
            }
            lines.append("END:" + kind)
        }
        lines.append("END:VTIMEZONE")
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// `±HHMM[SS]` (RFC 5545 §3.3.14).
    static func offsetText(_ seconds: Int) -> String {
        let sign = seconds < 0 ? "-" : "+"
        let value = abs(seconds)
        func two(_ number: Int) -> String { number < 10 ? "0\(number)" : "\(number)" }
        let text = sign + two(value / 3600) + two(value / 60 % 60)
        return value % 60 == 0 ? text : text + two(value % 60)
    }
}
