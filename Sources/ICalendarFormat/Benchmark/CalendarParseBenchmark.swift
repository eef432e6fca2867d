public import MIMEDir

/// Parse + validate throughput for calendar data, for the `kalends-bench` executable (issue #3 performance goal).
public enum CalendarParseBenchmark {
    /// Parses and validates each calendar object resource body as a CalDAV PUT would (RFC 4791 §4.1);
    /// the measurement's objects are the bodies that were accepted.
    public static func measureResources(_ bodies: [[UInt8]], iterations: Int = 3) -> ThroughputMeasurement {
        let validator = CalendarObjectValidator()
        let bytes = bodies.reduce(0) { $0 + $1.count }
        var accepted = 0
        let timing = ThroughputMeasurement.best(iterations: iterations, bytes: bytes, objects: 0) {
            accepted = 0
            for body in bodies where (try? validator.validate(body)) != nil { accepted += 1 }
        }
        return ThroughputMeasurement(bytes: bytes, objects: accepted, seconds: timing.seconds)
    }

    /// Parses one whole-calendar export and checks its data with the resource rules off;
    /// the measurement's objects are its non-VTIMEZONE components (0 if it had problems).
    public static func measureExport(_ export: [UInt8], iterations: Int = 3) -> ThroughputMeasurement {
        let validator = CalendarObjectValidator(options: .init(enforceResourceRules: false))
        var objects = 0
        let timing = ThroughputMeasurement.best(iterations: iterations, bytes: export.count, objects: 0) {
            guard let calendar = try? VCalendar.parse(export) else { return }
            objects = validator.problems(in: calendar).isEmpty ? calendar.objectComponents.count : 0
        }
        return ThroughputMeasurement(bytes: export.count, objects: objects, seconds: timing.seconds)
    }
}
