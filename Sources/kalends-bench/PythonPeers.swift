import Foundation

/// The Python peers of the format benchmarks, run in the same program run for a ratio: the `icalendar`
/// package for parsing, python-dateutil and `recurring-ical-events` for expansion.
///
/// The interpreter is `$KALENDS_BENCH_PYTHON` (default `python3`); it needs
/// `pip install icalendar recurring-ical-events python-dateutil`. Without them the peers are skipped.
enum PythonPeers {
    /// Runs the peer script with `arguments`; its `key=value` lines, or nil (with a `peer=skipped` line) if it failed.
    static func run(_ arguments: [String]) -> [String: String]? {
        let python = ProcessInfo.processInfo.environment["KALENDS_BENCH_PYTHON"] ?? "python3"
        let script = NSTemporaryDirectory() + "kalends-bench-peers-\(UUID().uuidString).py"
        defer { try? FileManager.default.removeItem(atPath: script) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, script] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do {
            try source.write(toFile: script, atomically: true, encoding: .utf8)
            try process.run()
        } catch {
            print("peer=skipped reason=\(python)-not-runnable")
            return nil
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            print("peer=skipped reason=python-packages-missing (pip install icalendar recurring-ical-events)")
            return nil
        }
        var values: [String: String] = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            print(line)
            for pair in line.split(separator: " ") {
                let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                if parts.count == 2 { values[parts[0]] = parts[1] }
            }
        }
        return values
    }

    /// parse DIR: `icalendar` parses every event resource and reads UID/DTSTART/DTEND, as our validator does.
    /// daily N: N instances of FREQ=DAILY with dateutil; recurring-ical-events over 20 years of the same rule.
    /// month FILE: recurring-ical-events answers which VEVENTs of FILE overlap March 2026.
    private static let source = """
        import datetime, os, sys, time

        def parse(directory):
            import icalendar
            folder = os.path.join(directory, "events")
            bodies = [open(os.path.join(folder, n), "rb").read() for n in sorted(os.listdir(folder)) if n.endswith(".ics")]
            total = sum(len(b) for b in bodies)
            start = time.perf_counter()
            for body in bodies:
                for event in icalendar.Calendar.from_ical(body).walk("VEVENT"):
                    event.get("UID")
                    event.decoded("DTSTART")
                    if "DTEND" in event:
                        event.decoded("DTEND")
            seconds = time.perf_counter() - start
            print(f"peer=python-icalendar-{icalendar.__version__} bytes={total} seconds={seconds:.3f} "
                  f"mb_per_s={total / seconds / 1e6:.3f} objects_per_s={len(bodies) / seconds:.0f}")

        def daily(count):
            import icalendar, recurring_ical_events
            from dateutil.rrule import DAILY, rrule
            start = time.perf_counter()
            produced = sum(1 for _ in rrule(DAILY, dtstart=datetime.datetime(1970, 1, 1, 9), count=count))
            seconds = time.perf_counter() - start
            print(f"peer=dateutil dateutil_daily_instances_per_s={produced / seconds:.0f}")
            text = ("BEGIN:VCALENDAR\\r\\nVERSION:2.0\\r\\nPRODID:-//bench//EN\\r\\nBEGIN:VEVENT\\r\\nUID:d@bench\\r\\n"
                    "DTSTAMP:20260101T000000Z\\r\\nDTSTART:19700101T090000\\r\\nDURATION:PT1H\\r\\nRRULE:FREQ=DAILY\\r\\n"
                    "END:VEVENT\\r\\nEND:VCALENDAR\\r\\n")
            calendar = icalendar.Calendar.from_ical(text)
            start = time.perf_counter()
            produced = len(recurring_ical_events.of(calendar).between(datetime.datetime(1970, 1, 1),
                                                                      datetime.datetime(1990, 1, 1)))
            seconds = time.perf_counter() - start
            print(f"peer=recurring-ical-events recurring_ical_events_daily_instances_per_s={produced / seconds:.0f}")

        def month(path):
            import icalendar, recurring_ical_events
            calendar = icalendar.Calendar.from_ical(open(path, "rb").read())
            best = None
            for _ in range(3):
                start = time.perf_counter()
                events = recurring_ical_events.of(calendar).between(datetime.datetime(2026, 3, 1, tzinfo=datetime.timezone.utc),
                                                                    datetime.datetime(2026, 4, 1, tzinfo=datetime.timezone.utc))
                seconds = time.perf_counter() - start
                best = seconds if best is None else min(best, seconds)
            matches = len({str(e.get("UID")) for e in events})
            print(f"peer=recurring-ical-events month_query_matches={matches} ms={best * 1000:.1f}")

        {"parse": lambda: parse(sys.argv[2]), "daily": lambda: daily(int(sys.argv[2])),
         "month": lambda: month(sys.argv[2])}[sys.argv[1]]()
        """
}
