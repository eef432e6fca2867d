import Testing

@testable import HTTPServer

@Suite("Freed heap pages go back to the kernel when the server is quiet or has grown")
struct HeapTrimScheduleTests {
    static let mebibyte = 1 << 20

    /// The answers of one schedule to ticks seeing these request counts and resident sizes (MiB); every trim it
    /// asks for is reported back as leaving `afterTrim` MiB resident.
    static func answers(
        quietTicks: Int = 3,
        busyTicks: Int = 4,
        ticks: [(requests: Int, resident: Int)],
        afterTrim: Int = 30
    ) -> [Bool] {
        var schedule = HeapTrimSchedule(
            quietTicks: quietTicks,
            busyTicks: busyTicks,
            growth: 16 * mebibyte,
            resident: (ticks.first?.resident ?? 0) * mebibyte
        )
        return ticks.map { tick in
            let trims = schedule.tick(requestsStarted: tick.requests, resident: tick.resident * mebibyte)
            if trims { schedule.trimmed(resident: afterTrim * mebibyte) }
            return trims
        }
    }

    @Test("a quiet server is trimmed once, after the quiet ticks that follow the last request")
    func trimsOnceAfterQuietTicks() {
        let answers = Self.answers(ticks: [(5, 30), (5, 30), (5, 30), (5, 30), (5, 30), (5, 30)])
        #expect(answers == [false, false, false, true, false, false])
    }

    @Test("no trim while requests keep coming and the resident size holds, nor before any request was served")
    func busyOrUnusedServerIsNotTrimmed() {
        let ticks = Array(repeating: (0, 30), count: 3) + (1...10).map { ($0, 40) }
        #expect(Self.answers(ticks: ticks) == Array(repeating: false, count: 13))
    }

    @Test("under load, growth past the threshold is trimmed, at most once per busy interval, counted from the trim")
    func grownBusyServerIsTrimmedNowAndThen() {
        let ticks = [(1, 30), (2, 35), (3, 50), (4, 60), (5, 60), (6, 60), (7, 60), (8, 60), (9, 60), (10, 50)]
        let answers = Self.answers(ticks: ticks, afterTrim: 40)
        // Grown by 16 MiB at the third tick, but the first busy interval ends at the fourth; after that trim (40
        // MiB resident) the next needs 56 MiB and four more ticks.
        #expect(answers == [false, false, false, true, false, false, false, true, false, false])
    }
}
