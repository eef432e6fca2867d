public import MIMEDir

/// Parse + validate throughput for vCard data, for the `kalends-bench` executable (issue #3 performance goal).
public enum VCardParseBenchmark {
    /// Parses a multi-card file and validates every card with the CardDAV rules (RFC 6352 §6.3.2.1);
    /// the measurement's objects are the cards that passed.
    public static func measure(_ file: [UInt8], iterations: Int = 3) -> ThroughputMeasurement {
        let validator = VCardValidator()
        var accepted = 0
        let timing = ThroughputMeasurement.best(iterations: iterations, bytes: file.count, objects: 0) {
            accepted = 0
            guard let cards = try? VCard.parseAll(file) else { return }
            for card in cards where validator.problems(in: card).isEmpty { accepted += 1 }
        }
        return ThroughputMeasurement(bytes: file.count, objects: accepted, seconds: timing.seconds)
    }
}
