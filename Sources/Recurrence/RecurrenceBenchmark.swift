import ICalendarFormat

/// Measurements for `kalends-bench` (issue #4 performance goals; RFC 5545 §3.8.5, RFC 4791 §9.9).
/// Run them in a release build.
public enum RecurrenceBenchmark {
    /// Instances per second of `FREQ=DAILY` expanded by `RecurrenceIterator` (RFC 5545 §3.3.10).
    public static func dailyInstancesPerSecond(instances: Int = 20_000_000) -> Double {
        guard let rule = try? RecurrenceRule(parsing: "FREQ=DAILY"),
            var iterator = try? RecurrenceIterator(
                rule: rule,
                start: CivilDateTime(year: 1970, month: 1, day: 1, hour: 9),
                limits: ExpansionLimits(maxYear: 999_999)
            )
        else { return 0 }
        let clock = ContinuousClock()
        var checksum: Int64 = 0
        let elapsed = clock.measure {
            for _ in 0..<instances {
                guard let next = iterator.next() else { break }
                checksum &+= next.secondsSinceEpoch
            }
        }
        precondition(checksum != 0)
        return Double(instances) / seconds(elapsed)
    }

    /// The result of `monthQuery` (RFC 5545 §3.8.5).
    public struct MonthQueryResult: Sendable {
        /// Objects in the collection (RFC 5545 §3.8.5).
        public var objects: Int
        /// Objects whose span passed the prefilter (RFC 5545 §3.8.5).
        public var candidates: Int
        /// Objects with an instance in the month (RFC 5545 §3.8.5).
        public var matches: Int
        /// Milliseconds for prefilter plus exact expansion (objects already parsed and indexed) (RFC 5545 §3.8.5).
        public var milliseconds: Double
    }

    /// The VEVENTs of the month-query collection, one text block each (`BEGIN:VEVENT` … `END:VEVENT`, CRLF):
    /// DTSTART in Europe/Berlin over ten years from 2025, one hour long, every tenth recurring
    /// (some rules unbounded). Deterministic, so a peer can be given the same events.
    public static func monthQueryEvents(objects: Int = 10_000) -> [String] {
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func random(_ bound: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(bound))
        }
        let rules = [
            "FREQ=DAILY", "FREQ=WEEKLY;BYDAY=MO,WE,FR", "FREQ=MONTHLY;BYDAY=-1FR", "FREQ=DAILY;COUNT=30",
            "FREQ=WEEKLY;UNTIL=20270101T000000Z", "FREQ=YEARLY",
        ]
        return (0..<objects).map { index in
            let day = CivilDateTime(
                LocalTimestamp(
                    secondsSinceEpoch: (20_089 + Int64(random(3650))) * 86_400 + 3600 * Int64(8 + random(10))
                )
            )
            var lines = [
                "BEGIN:VEVENT", "UID:\(index)@bench", "DTSTAMP:20260101T000000Z",
                "DTSTART;TZID=Europe/Berlin:\(day)", "DURATION:PT1H",
            ]
            if index % 10 == 0 { lines.append("RRULE:" + rules[random(rules.count)]) }
            lines.append("END:VEVENT")
            return lines.joined(separator: "\r\n") + "\r\n"
        }
    }

    /// "Which of `objects` calendar objects (10 % recurring, some unbounded) overlap March 2026?":
    /// the `InstanceSpan` prefilter a store would run in SQL, then the exact RFC 4791 §9.9 test with
    /// expansion on the candidates, over ``monthQueryEvents(objects:)`` each in its own VCALENDAR.
    /// Parsing and span computation happen before timing, as a store holds them already.
    /// Returns the best of `repetitions` runs.
    public static func monthQuery(objects: Int = 10_000, repetitions: Int = 5) -> MonthQueryResult {
        var calendars: [VCalendar] = []
        var spans: [InstanceSpan] = []
        for event in monthQueryEvents(objects: objects) {
            let text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//EN\r\n" + event + "END:VCALENDAR\r\n"
            guard let calendar = try? VCalendar.parse(text) else { continue }
            calendars.append(calendar)
            spans.append(InstanceSpan(calendar: calendar))
        }
        let from = CivilDateTime(year: 2026, month: 3, day: 1).timestamp.secondsSinceEpoch
        let to = CivilDateTime(year: 2026, month: 4, day: 1).timestamp.secondsSinceEpoch
        var best = MonthQueryResult(objects: calendars.count, candidates: 0, matches: 0, milliseconds: .infinity)
        let clock = ContinuousClock()
        for _ in 0..<Swift.max(1, repetitions) {
            var candidates = 0
            var matches = 0
            let elapsed = clock.measure {
                for (index, span) in spans.enumerated() where span.mayOverlap(from: from, to: to) {
                    candidates += 1
                    let sets = (try? RecurrenceSet.sets(in: calendars[index])) ?? []
                    if sets.contains(where: { (try? TimeRangeOverlap.overlaps($0, from: from, to: to)) ?? true }) {
                        matches += 1
                    }
                }
            }
            let milliseconds = seconds(elapsed) * 1000
            if milliseconds < best.milliseconds {
                best = MonthQueryResult(
                    objects: calendars.count,
                    candidates: candidates,
                    matches: matches,
                    milliseconds: milliseconds
                )
            }
        }
        return best
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
