import Recurrence
import Testing

@Suite("RecurrenceRule parsing, limits and iteration")
struct RecurrenceRuleTests {
    @Test("RFC 5545 §3.3.10: parts are case-insensitive, unordered, and serialise canonically")
    func parseAndSerialise() throws {
        let rule = try RecurrenceRule(parsing: "byday=-1su,2MO;freq=monthly;interval=2;WKST=su;until=20301231T235959Z")
        #expect(rule.frequency == .monthly)
        #expect(rule.interval == 2)
        #expect(rule.byDay == [.init(.sunday, ordinal: -1), .init(.monday, ordinal: 2)])
        #expect(rule.until == .utc(CivilDateTime(year: 2030, month: 12, day: 31, hour: 23, minute: 59, second: 59)))
        #expect(rule.text == "FREQ=MONTHLY;UNTIL=20301231T235959Z;INTERVAL=2;BYDAY=-1SU,2MO;WKST=SU")
        #expect(try RecurrenceRule(parsing: rule.text) == rule)
    }

    @Test(
        "RFC 5545 §3.3.10: malformed or forbidden rules are rejected",
        arguments: [
            "INTERVAL=2", "FREQ=DAILY;FREQ=WEEKLY", "FREQ=HOURLY;BYHOUR=24", "FREQ=MONTHLY;BYMONTHDAY=0",
            "FREQ=YEARLY;BYWEEKNO=54", "FREQ=DAILY;COUNT=3;UNTIL=20200101", "FREQ=WEEKLY;BYDAY=1MO",
            "FREQ=WEEKLY;BYMONTHDAY=3", "FREQ=MONTHLY;BYWEEKNO=3", "FREQ=DAILY;BYSETPOS=1", "FREQ=DAILY;FOO=1",
            "FREQ=DAILY;UNTIL=20230230", "FREQ=DAILY;INTERVAL=0", "FREQ=YEARLY;BYDAY=XX", "FREQ", "FREQ=FORTNIGHTLY",
            "FREQ=MONTHLY;BYDAY=+-1MO", "FREQ=DAILY;COUNT=-1",
        ]
    )
    func rejects(_ text: String) {
        #expect(throws: RecurrenceRuleError.self) { try RecurrenceRule(parsing: text) }
    }

    @Test("Lenient parsing keeps what real clients send")
    func lenient() throws {
        let rule = try RecurrenceRule(parsing: "FREQ=WEEKLY;BYDAY=1MO,TU;COUNT=2;UNTIL=20300101;", strictness: .lenient)
        #expect(rule.byDay == [.init(.monday), .init(.tuesday)])
        #expect(rule.count == 2)
        #expect(try RecurrenceRule(parsing: "FREQ=DAILY;X-NAME=1").frequency == .daily)
    }

    @Test("Rule size limits: text length and list length")
    func sizeLimits() {
        let limits = ExpansionLimits(maxRuleLength: 64, maxListEntries: 5)
        #expect(throws: RecurrenceRuleError.tooLong(69)) {
            try RecurrenceRule(parsing: "FREQ=DAILY;BYHOUR=" + String(repeating: "1,", count: 25) + "1", limits: limits)
        }
        #expect(throws: RecurrenceRuleError.tooManyValues(part: "BYHOUR")) {
            try RecurrenceRule(parsing: "FREQ=DAILY;BYHOUR=1,2,3,4,5,6", limits: limits)
        }
    }

    @Test("Empty-iteration cap: FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30 terminates quickly")
    func impossibleRuleStops() throws {
        let rule = try RecurrenceRule(parsing: "FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30")
        var iterator = try RecurrenceIterator(rule: rule, start: CivilDateTime(year: 2020, month: 1, day: 1))
        #expect(iterator.next() == CivilDateTime(year: 2020, month: 1, day: 1).timestamp)
        #expect(iterator.next() == nil)
        #expect(iterator.stopReason == .emptyIterationLimit)
    }

    @Test("Fuzz finding: an impossible YEARLY rule stops after maxEmptyIterations days, not at year 9999")
    func impossibleYearlyRuleStops() throws {
        let rule = try RecurrenceRule(parsing: "FREQ=YEARLY;BYWEEKNO=2;COUNT=9;BYDAY=9SU,-1SU", strictness: .lenient)
        var iterator = try RecurrenceIterator(rule: rule, start: CivilDateTime(year: 1970, month: 1, day: 1))
        _ = iterator.next()
        #expect(iterator.next() == nil)
        #expect(iterator.stopReason == .emptyIterationLimit)
    }

    @Test("Year cap: a rule never matching stops at the last supported year")
    func yearCap() throws {
        let rule = try RecurrenceRule(parsing: "FREQ=YEARLY;INTERVAL=4;BYMONTH=2;BYMONTHDAY=29")
        var iterator = try RecurrenceIterator(rule: rule, start: CivilDateTime(year: 2001, month: 2, day: 28))
        _ = iterator.next()
        #expect(iterator.next() == nil)
        #expect(iterator.stopReason != nil)
    }

    @Test("DTSTART is the first instance and counts toward COUNT even when the rule does not produce it")
    func unsynchronisedStart() throws {
        let rule = try RecurrenceRule(parsing: "FREQ=WEEKLY;BYDAY=MO;COUNT=3")
        let iterator = try RecurrenceIterator(rule: rule, start: CivilDateTime(year: 2026, month: 1, day: 7, hour: 9))
        #expect(!iterator.startIsSynchronized)
        #expect(Array(iterator).map(\.civil.day) == [7, 12, 19])
    }

    @Test(
        "seek(to:) gives the same instances as iterating from the start",
        arguments: [
            "FREQ=DAILY", "FREQ=DAILY;COUNT=20000", "FREQ=DAILY;BYHOUR=8,20;COUNT=30000",
            "FREQ=WEEKLY;BYDAY=MO,FR;COUNT=4000",
            "FREQ=MONTHLY;BYDAY=-1FR;COUNT=400", "FREQ=HOURLY;INTERVAL=7;COUNT=100000",
            "FREQ=YEARLY;BYWEEKNO=1,-1;BYDAY=TH",
            "FREQ=MINUTELY;INTERVAL=1439", "FREQ=WEEKLY;INTERVAL=3;BYDAY=SU;BYMONTH=3",
        ]
    )
    func seekMatchesLinear(_ text: String) throws {
        let rule = try RecurrenceRule(parsing: text)
        let start = CivilDateTime(year: 2000, month: 3, day: 17, hour: 9, minute: 30)
        let target = CivilDateTime(year: 2030, month: 6, day: 1).timestamp
        var linear = try RecurrenceIterator(rule: rule, start: start)
        var expected: [LocalTimestamp] = []
        while expected.count < 5, let next = linear.next() {
            if next >= target { expected.append(next) }
        }
        var seeking = try RecurrenceIterator(rule: rule, start: start)
        seeking.seek(to: target)
        var actual: [LocalTimestamp] = []
        while actual.count < expected.count, let next = seeking.next() { actual.append(next) }
        #expect(actual == expected)
        #expect(seeking.next() == linear.next())
    }

    @Test("Calendar arithmetic: day numbers round-trip and ISO weeks (WKST=MO) match known dates")
    func calendarMath() throws {
        for year in [1600, 1899, 1970, 2000, 2024, 2100, 9999] {
            let date = CivilDateTime(year: year, month: 2, day: 28)
            #expect(CivilDateTime(date.timestamp) == date)
        }
        #expect(CivilDateTime(year: 1970, month: 1, day: 1).weekday == .thursday)
        #expect(CivilDateTime(year: 2000, month: 2, day: 29).isValid)
        #expect(!CivilDateTime(year: 1900, month: 2, day: 29).isValid)
        let rule = try RecurrenceRule(parsing: "FREQ=YEARLY;BYWEEKNO=1;BYDAY=MO;COUNT=4")
        let iterator = try RecurrenceIterator(rule: rule, start: CivilDateTime(year: 2018, month: 1, day: 1))
        #expect(
            Array(iterator).map(\.civil) == [
                CivilDateTime(year: 2018, month: 1, day: 1), CivilDateTime(year: 2018, month: 12, day: 31),
                CivilDateTime(year: 2019, month: 12, day: 30), CivilDateTime(year: 2021, month: 1, day: 4),
            ]
        )
    }
}

@Suite("Benchmark entry points")
struct RecurrenceBenchmarkTests {
    @Test("The kalends-bench measurements run on small inputs")
    func smoke() {
        #expect(RecurrenceBenchmark.dailyInstancesPerSecond(instances: 10_000) > 0)
        let result = RecurrenceBenchmark.monthQuery(objects: 300, repetitions: 1)
        #expect(result.objects == 300)
        #expect(result.matches > 0)
        #expect(result.candidates >= result.matches)
    }
}

@Suite("Cases where python-dateutil disagrees with ISO 8601 week numbering")
struct WeekNumberOracleTests {
    static func days(_ text: String, from start: CivilDateTime, count: Int) throws -> [CivilDateTime] {
        let iterator = try RecurrenceIterator(rule: try RecurrenceRule(parsing: text), start: start)
        return Array(iterator.prefix(count)).map {
            CivilDateTime(year: $0.civil.year, month: $0.civil.month, day: $0.civil.day)
        }
    }

    @Test("BYWEEKNO=53 does not match 2011-01-01, which lies in ISO week 52 of 2010")
    func week53() throws {
        let days = try Self.days(
            "FREQ=YEARLY;BYWEEKNO=53;BYDAY=SA",
            from: CivilDateTime(year: 2009, month: 1, day: 3),
            count: 3
        )
        #expect(
            days.dropFirst().elementsEqual([
                CivilDateTime(year: 2010, month: 1, day: 2), CivilDateTime(year: 2016, month: 1, day: 2),
            ])
        )
    }

    @Test("BYWEEKNO=-52 matches 2018-12-31 (week 1 of 52-week 2019) and 2020-01-06 (week 2 of 53-week 2020)")
    func negativeWeek() throws {
        let days = try Self.days(
            "FREQ=YEARLY;BYWEEKNO=-52;BYDAY=MO",
            from: CivilDateTime(year: 2018, month: 1, day: 1),
            count: 3
        )
        #expect(
            days == [
                CivilDateTime(year: 2018, month: 1, day: 1), CivilDateTime(year: 2018, month: 12, day: 31),
                CivilDateTime(year: 2020, month: 1, day: 6),
            ]
        )
    }
}
