import Auth
import Foundation
import Testing

@Suite struct LoginThrottleTests {
    private let start = Date(timeIntervalSince1970: 1_000_000)

    @Test func locksOutAfterFreeAttemptsAndDoubles() {
        let throttle = LoginThrottle(freeAttempts: 3, window: 60, maxLockout: 10, baseLockout: 1)
        for second in 0..<2 {
            throttle.recordFailure("1.2.3.4", now: start + Double(second))
            #expect(!throttle.isLockedOut("1.2.3.4", now: start + Double(second)))
        }
        throttle.recordFailure("1.2.3.4", now: start + 2)
        #expect(throttle.isLockedOut("1.2.3.4", now: start + 2.5))
        #expect(!throttle.isLockedOut("5.6.7.8", now: start + 2.5))
        #expect(!throttle.isLockedOut("1.2.3.4", now: start + 3.1))
        throttle.recordFailure("1.2.3.4", now: start + 4)
        #expect(throttle.isLockedOut("1.2.3.4", now: start + 5.9))
        #expect(!throttle.isLockedOut("1.2.3.4", now: start + 6.1))
        throttle.recordFailure("1.2.3.4", now: start + 7)
        #expect(throttle.isLockedOut("1.2.3.4", now: start + 10.9))
        #expect(!throttle.isLockedOut("1.2.3.4", now: start + 11.1))
        for index in 0..<10 { throttle.recordFailure("1.2.3.4", now: start + 20 + Double(index)) }
        #expect(throttle.isLockedOut("1.2.3.4", now: start + 29 + 9.9), "capped at maxLockout")
        #expect(!throttle.isLockedOut("1.2.3.4", now: start + 29 + 10.1))
    }

    @Test func quietWindowForgetsAndSuccessResets() {
        let throttle = LoginThrottle(freeAttempts: 2, window: 60)
        throttle.recordFailure("a", now: start)
        throttle.recordFailure("a", now: start + 61)
        #expect(!throttle.isLockedOut("a", now: start + 61), "first failure expired")
        throttle.recordFailure("a", now: start + 62)
        #expect(throttle.isLockedOut("a", now: start + 62.5))
        throttle.recordSuccess("a")
        #expect(!throttle.isLockedOut("a", now: start + 62.5))
    }

    @Test func memoryIsBounded() {
        let throttle = LoginThrottle(maxEntries: 100)
        for index in 0..<1000 {
            throttle.recordFailure("10.0.\(index / 256).\(index % 256)", now: start + Double(index))
        }
        #expect(throttle.trackedAddresses <= 100)
        throttle.recordFailure("latest", now: start + 2000)
        #expect(throttle.trackedAddresses <= 100)
    }

    @Test func concurrentUseIsSafe() async {
        let throttle = LoginThrottle(freeAttempts: 1000)
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<8 {
                group.addTask {
                    for index in 0..<500 {
                        throttle.recordFailure("addr\(index % 50)")
                        _ = throttle.isLockedOut("addr\(task)")
                    }
                }
            }
        }
        #expect(throttle.trackedAddresses == 50)
    }
}
