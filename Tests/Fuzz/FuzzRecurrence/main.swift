// libFuzzer entry point for the RRULE parser and the expansion iterator (RFC 5545 §3.3.10).
// Input: bytes 0–3 pick DTSTART, the rest is RECUR text. Every parse error is fine; a crash, a
// sanitizer report or a hang past the ExpansionLimits is a finding.
import Recurrence

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRecurrence(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard bytes.count >= 4 else { return 0 }
    let seed = Int(bytes[0]) | Int(bytes[1]) << 8 | Int(bytes[2]) << 16
    let start = CivilDateTime(LocalTimestamp(secondsSinceEpoch: Int64(seed % 40_000) * 86_400 + Int64(bytes[3]) * 337))
    let text = String(decoding: bytes[4...], as: UTF8.self)
    let limits = ExpansionLimits(maxEmptyIterations: 20_000)
    for strictness in [RecurrenceRule.Strictness.strict, .lenient] {
        guard let rule = try? RecurrenceRule(parsing: text, limits: limits, strictness: strictness) else { continue }
        guard let reparsed = try? RecurrenceRule(parsing: rule.text, limits: limits, strictness: strictness),
            reparsed == rule
        else { fatalError("round trip failed: \(text) -> \(rule.text)") }
        guard var iterator = try? RecurrenceIterator(rule: rule, start: start, limits: limits) else { continue }
        var previous: LocalTimestamp?
        for _ in 0..<500 {
            guard let next = iterator.next() else { break }
            if let previous, next <= previous { fatalError("out of order: \(text)") }
            previous = next
        }
        guard var seeking = try? RecurrenceIterator(rule: rule, start: start, limits: limits) else { continue }
        seeking.seek(to: LocalTimestamp(secondsSinceEpoch: start.timestamp.secondsSinceEpoch + Int64(seed) * 3_600))
        for _ in 0..<50 where seeking.next() == nil { break }
    }
    return 0
}
