/// The result of a parse benchmark: how many bytes and objects were processed in how much time.
public struct ThroughputMeasurement: Sendable, Hashable {
    /// Bytes processed per iteration.
    public var bytes: Int
    /// Objects (resources, components or cards) processed per iteration.
    public var objects: Int
    /// The best (shortest) wall-clock time of one iteration, in seconds.
    public var seconds: Double

    /// Creates a measurement.
    public init(bytes: Int, objects: Int, seconds: Double) {
        self.bytes = bytes
        self.objects = objects
        self.seconds = seconds
    }

    /// Throughput in megabytes (10^6 bytes) per second.
    public var megabytesPerSecond: Double { seconds > 0 ? Double(bytes) / seconds / 1_000_000 : 0 }

    /// Objects per second.
    public var objectsPerSecond: Double { seconds > 0 ? Double(objects) / seconds : 0 }

    /// Runs `body` `iterations` times (at least once) and keeps the fastest run.
    public static func best(iterations: Int, bytes: Int, objects: Int, _ body: () -> Void) -> ThroughputMeasurement {
        let clock = ContinuousClock()
        var best = Duration.seconds(Int64.max)
        for _ in 0..<max(1, iterations) {
            let elapsed = clock.measure(body)
            if elapsed < best { best = elapsed }
        }
        let components = best.components
        let seconds = Double(components.seconds) + Double(components.attoseconds) / 1e18
        return ThroughputMeasurement(bytes: bytes, objects: objects, seconds: seconds)
    }
}
