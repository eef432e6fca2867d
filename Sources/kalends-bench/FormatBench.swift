import Foundation
import ICalendarFormat
import MIMEDir
import Recurrence
import VCardFormat

/// `kalends-bench parse --data DIR`: iCalendar and vCard parse + validation throughput on the shared data set
/// (`python3 ../shared/bench/gen_data.py --events 10000 --cards 5000 --seed 42 DIR`).
/// `kalends-bench recurrence`: instances per second of a daily rule and the 10,000-object month query.
enum FormatBench {
    static func runParse(arguments: [String]) throws {
        guard let index = arguments.firstIndex(of: "--data"), index + 1 < arguments.count else {
            throw BenchError("usage: kalends-bench parse --data DIR (made by shared/bench/gen_data.py)")
        }
        let directory = URL(fileURLWithPath: arguments[index + 1])
        let events = try files(in: directory.appendingPathComponent("events"), suffix: ".ics")
        let cards = try files(in: directory.appendingPathComponent("cards"), suffix: ".vcf")
        let resources = CalendarParseBenchmark.measureResources(events)
        print(
            "suite=parse calendar_resources=\(events.count) bytes=\(resources.bytes) "
                + "mb_per_s=\(format(resources.megabytesPerSecond)) objects_per_s=\(Int(resources.objectsPerSecond))"
        )
        if let peer = PythonPeers.run(["parse", directory.path]), let rate = peer["mb_per_s"].flatMap(Double.init) {
            print("ratio_kalends_to_python_icalendar=\(format(resources.megabytesPerSecond / rate))")
        }
        let cardFile = cards.reduce(into: [UInt8]()) { $0 += $1 }
        let vcards = VCardParseBenchmark.measure(cardFile)
        print(
            "suite=parse vcards=\(cards.count) bytes=\(vcards.bytes) mb_per_s=\(format(vcards.megabytesPerSecond)) "
                + "cards_per_s=\(Int(vcards.objectsPerSecond))"
        )
    }

    static func runRecurrence() throws {
        let rate = RecurrenceBenchmark.dailyInstancesPerSecond()
        print("suite=recurrence daily_rule_instances_per_s=\(Int(rate))")
        let month = RecurrenceBenchmark.monthQuery()
        print(
            "suite=recurrence month_query objects=\(month.objects) candidates=\(month.candidates) "
                + "matches=\(month.matches) ms=\(format(month.milliseconds))"
        )
        runRecurrencePeers(dailyRate: rate, monthMilliseconds: month.milliseconds)
    }

    /// python-dateutil and recurring-ical-events on the same rule and the same 10,000 events, for ratios.
    private static func runRecurrencePeers(dailyRate: Double, monthMilliseconds: Double) {
        if let peers = PythonPeers.run(["daily", "1000000"]) {
            for name in ["dateutil", "recurring_ical_events"] {
                guard let rate = peers["\(name)_daily_instances_per_s"].flatMap(Double.init), rate > 0 else { continue }
                print("ratio_daily_rule_kalends_to_\(name)=\(format(dailyRate / rate))")
            }
        }
        let path = NSTemporaryDirectory() + "kalends-bench-month-\(UUID().uuidString).ics"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let text =
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//EN\r\n"
            + RecurrenceBenchmark.monthQueryEvents().joined() + "END:VCALENDAR\r\n"
        guard (try? text.write(toFile: path, atomically: true, encoding: .utf8)) != nil,
            let peer = PythonPeers.run(["month", path]), let milliseconds = peer["ms"].flatMap(Double.init)
        else { return }
        print("ratio_month_query_recurring_ical_events_to_kalends=\(format(milliseconds / monthMilliseconds))")
    }

    private static func files(in directory: URL, suffix: String) throws -> [[UInt8]] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(suffix) }
        return names.sorted().compactMap {
            FileManager.default.contents(atPath: directory.appendingPathComponent($0).path).map { [UInt8]($0) }
        }
    }

    private static func format(_ value: Double) -> String { String(format: "%.1f", value) }
}
