import Foundation
import Recurrence
import Testing

/// One block of a libical-style fixture file: `# comment`, `DTSTART…:`, `RRULE:`, `EXDATE…:`, `INSTANCES:`.
struct FixtureBlock: CustomTestStringConvertible, Sendable {
    var title: String
    var start: CivilDateTime
    var timeZone: String?
    var rules: [String]
    var exceptions: [CivilDateTime]
    var instances: [CivilDateTime]

    var testDescription: String { title }
}

enum FixtureFile {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/recurrence")

    static func blocks(_ name: String) -> [FixtureBlock] {
        guard let text = try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8) else {
            return []
        }
        var blocks: [FixtureBlock] = []
        var title = ""
        var current: FixtureBlock?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("# ") {
                if current == nil, title.isEmpty || !line.hasPrefix("# Erratum") { title = String(line.dropFirst(2)) }
                continue
            }
            guard let colon = line.lastIndex(of: ":") else { continue }
            let head = line[..<colon]
            let value = String(line[line.index(after: colon)...])
            if head.hasPrefix("DTSTART") {
                let zone = head.range(of: "TZID=").map { String(head[$0.upperBound...]) }
                current = FixtureBlock(
                    title: title,
                    start: civil(value),
                    timeZone: zone,
                    rules: [],
                    exceptions: [],
                    instances: []
                )
            } else if head == "RRULE" {
                current?.rules.append(value)
            } else if head.hasPrefix("EXDATE") {
                current?.exceptions.append(civil(value))
            } else if head == "INSTANCES", var block = current {
                block.instances = value.split(separator: ",").map { civil(String($0)) }
                blocks.append(block)
                current = nil
                title = ""
            }
        }
        return blocks
    }

    static func civil(_ text: String) -> CivilDateTime {
        let digits = text.compactMap(\.wholeNumberValue)
        func number(_ range: Range<Int>) -> Int { range.reduce(0) { $0 * 10 + (digits.count > $1 ? digits[$1] : 0) } }
        return CivilDateTime(
            year: number(0..<4),
            month: number(4..<6),
            day: number(6..<8),
            hour: number(8..<10),
            minute: number(10..<12),
            second: number(12..<14)
        )
    }

    /// UTC → local wall time in an IANA zone, via Foundation (test-only helper).
    static func utcToLocal(_ zoneName: String?) -> (@Sendable (CivilDateTime) -> CivilDateTime)? {
        guard let zoneName, let zone = TimeZone(identifier: zoneName) else { return nil }
        return { utc in
            let seconds = utc.timestamp.secondsSinceEpoch
            let offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))
            return CivilDateTime(LocalTimestamp(secondsSinceEpoch: seconds + Int64(offset)))
        }
    }
}
