import Foundation
import ICalendarFormat
import MIMEDir
import Testing

/// Runs only with `KALENDS_BENCH_DATA=<dir from gen_data.py + export-10000.ics>`; use `swift test -c release`.
@Suite("Parse benchmark (opt-in)", .enabled(if: ProcessInfo.processInfo.environment["KALENDS_BENCH_DATA"] != nil))
struct ParseBenchmarkTests {
    @Test("Parse + validate throughput on the generated 10,000-event data set")
    func measuresCalendarThroughput() throws {
        let directory = URL(fileURLWithPath: ProcessInfo.processInfo.environment["KALENDS_BENCH_DATA"] ?? "")
        let eventsDirectory = directory.appendingPathComponent("events")
        let names = try FileManager.default.contentsOfDirectory(atPath: eventsDirectory.path).sorted()
        let bodies = try names.map { [UInt8](try Data(contentsOf: eventsDirectory.appendingPathComponent($0))) }
        let resources = CalendarParseBenchmark.measureResources(bodies, iterations: 3)
        print(
            "BENCH resources: \(resources.bytes) bytes, \(resources.objects) objects, \(resources.seconds) s, \(resources.megabytesPerSecond) MB/s, \(resources.objectsPerSecond) objects/s"
        )
        #expect(resources.objects == bodies.count)
        let export = [UInt8](try Data(contentsOf: directory.appendingPathComponent("export-10000.ics")))
        let whole = CalendarParseBenchmark.measureExport(export, iterations: 3)
        print(
            "BENCH export: \(whole.bytes) bytes, \(whole.objects) objects, \(whole.seconds) s, \(whole.megabytesPerSecond) MB/s, \(whole.objectsPerSecond) objects/s"
        )
        #expect(whole.objects > 10_000)
    }
}
