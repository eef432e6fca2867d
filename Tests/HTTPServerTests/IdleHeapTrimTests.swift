import Testing

@testable import HTTPServer

@Suite("Freed heap pages go back to the kernel once the server is quiet")
struct IdleHeapTrimTests {
    /// The answers of one `IdleHeapTrim` to ticks seeing these request counts.
    static func answers(quietTicks: Int, counts: [Int]) -> [Bool] {
        var trim = IdleHeapTrim(quietTicks: quietTicks)
        return counts.map { trim.tick(requestsStarted: $0) }
    }

    @Test("a trim comes once, after the quiet ticks that follow the last request")
    func trimsOnceAfterQuietTicks() {
        let answers = Self.answers(quietTicks: 3, counts: [5, 5, 5, 5, 5, 5])
        #expect(answers == [false, false, false, true, false, false])
    }

    @Test("no trim while requests keep coming, nor before any request was served")
    func busyOrUnusedServerIsNotTrimmed() {
        let answers = Self.answers(quietTicks: 2, counts: [0, 0, 0] + Array(1...10) + [10, 10])
        #expect(answers == Array(repeating: false, count: 14) + [true])
    }
}
