import Foundation
import Recurrence
import Testing

/// Our side of `Tests/Differential/recurrence/compare.py`, plus a checked-in sample of its cases.
@Suite("Differential testing against python-dateutil")
struct DifferentialHarnessTests {
    struct Case: Sendable {
        var id: String
        var start: CivilDateTime
        var zone: String?
        var rule: String
        var maxInstances: Int
        var horizonYears: Int
        var expected: [String]
    }

    static func parse(_ line: Substring) -> Case? {
        let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        guard fields.count >= 6, let max = Int(fields[4]), let horizon = Int(fields[5]) else { return nil }
        let expected = fields.count > 6 && !fields[6].isEmpty ? fields[6].split(separator: ",").map(String.init) : []
        return Case(
            id: fields[0],
            start: FixtureFile.civil(fields[1]),
            zone: fields[2].isEmpty ? nil : fields[2],
            rule: fields[3],
            maxInstances: max,
            horizonYears: horizon,
            expected: expected
        )
    }

    static func expand(_ testCase: Case) -> [String] {
        guard let rule = try? RecurrenceRule(parsing: testCase.rule),
            var iterator = try? RecurrenceIterator(
                rule: rule,
                start: testCase.start,
                utcToLocal: FixtureFile.utcToLocal(testCase.zone),
                limits: ExpansionLimits(maxYear: min(testCase.start.year + testCase.horizonYears + 1, 9999))
            )
        else { return ["ERROR"] }
        var values: [String] = []
        let horizon = CivilDateTime(
            year: min(testCase.start.year + testCase.horizonYears, 9999),
            month: testCase.start.month,
            day: testCase.start.day,
            hour: testCase.start.hour,
            minute: testCase.start.minute,
            second: testCase.start.second
        )
        while values.count < testCase.maxInstances, let next = iterator.next() {
            let civil = next.civil
            if civil > horizon { break }
            values.append(civil.description)
        }
        return values
    }

    static let sample: [Case] = {
        let url = FixtureFile.directory.appendingPathComponent("differential-sample.tsv")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.compactMap(parse)
    }()

    @Test("Random rules agree with python-dateutil's checked-in instances")
    func sampleAgrees() {
        #expect(Self.sample.count >= 500)
        for testCase in Self.sample {
            #expect(Self.expand(testCase) == testCase.expected, "DTSTART \(testCase.start) RRULE:\(testCase.rule)")
        }
    }

    @Test(
        "Harness: expands the rules of KALENDS_RRULE_CASES into KALENDS_RRULE_OUT",
        .enabled(if: ProcessInfo.processInfo.environment["KALENDS_RRULE_CASES"] != nil)
    )
    func harness() throws {
        let environment = ProcessInfo.processInfo.environment
        let input = try String(contentsOfFile: try #require(environment["KALENDS_RRULE_CASES"]), encoding: .utf8)
        var output = ""
        for line in input.split(separator: "\n") {
            guard let testCase = Self.parse(line) else { continue }
            output += testCase.id + "\t" + Self.expand(testCase).joined(separator: ",") + "\n"
        }
        try output.write(toFile: try #require(environment["KALENDS_RRULE_OUT"]), atomically: true, encoding: .utf8)
    }
}
