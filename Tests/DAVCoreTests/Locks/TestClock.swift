import Synchronization

/// A clock tests move by hand, in epoch seconds.
final class TestClock: Sendable {
    private let seconds = Atomic<Int64>(1_800_000_000)

    var now: Int64 { seconds.load(ordering: .relaxed) }

    func advance(by delta: Int64) { seconds.add(delta, ordering: .relaxed) }
}
