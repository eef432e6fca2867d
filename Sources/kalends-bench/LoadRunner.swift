import Foundation

/// Throughput and latency of one workload at one connection count.
struct LoadResult {
    var connections: Int
    var requests: Int
    var seconds: Double
    var p50: Double
    var p99: Double
    var errors: Int

    /// Completed requests per wall-clock second.
    var rate: Double { seconds > 0 ? Double(requests) / seconds : 0 }

    /// The `key=value` fields of a result line.
    var fields: String {
        "connections=\(connections) requests=\(requests) requests_per_s=\(Self.decimal(rate)) "
            + "p50_ms=\(Self.decimal(p50)) p99_ms=\(Self.decimal(p99)) errors=\(errors)"
    }

    /// Three significant digits for small values, whole numbers for large ones.
    static func decimal(_ value: Double) -> String {
        value >= 100 ? String(Int(value.rounded())) : String(format: value >= 10 ? "%.1f" : "%.3f", value)
    }
}

/// Runs requests from `connections` threads, each with its own keep-alive `HTTPConnection`, until a deadline or a
/// request count is reached. Requests are numbered globally so that a workload can vary them (the n-th PUT, the
/// n-th window of hrefs). A connection starts no request after the deadline, but the one in flight is counted:
/// the rate is completed requests over the wall time until the last one finished. Bodies are counted, not kept:
/// `accept` judges a reply by its status and header fields, and the client shares the cores with the server, so
/// copying a 2 MB answer twice per request would be charged to the server's latency.
enum LoadRunner {
    static func run(
        port: UInt16,
        connections: Int,
        duration: Double = .infinity,
        count: Int = .max,
        accept: @escaping @Sendable (HTTPReply) -> Bool,
        request: @escaping @Sendable (Int) -> [UInt8]
    ) -> LoadResult {
        let lock = NSLock()
        nonisolated(unsafe) var latencies: [Double] = []
        nonisolated(unsafe) var errors = 0
        nonisolated(unsafe) var next = 0
        let group = DispatchGroup()
        let started = DispatchTime.now().uptimeNanoseconds
        let deadline = started + UInt64(min(duration, 1e6) * 1e9)
        for _ in 0..<connections {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                let client = HTTPConnection(port: port)
                var local: [Double] = []
                var localErrors = 0
                while DispatchTime.now().uptimeNanoseconds < deadline {
                    let index: Int? = lock.withLock {
                        guard next < count else { return nil }
                        next += 1
                        return next - 1
                    }
                    guard let index else { break }
                    let bytes = request(index)
                    let begin = DispatchTime.now().uptimeNanoseconds
                    let reply = try? client.send(bytes, discardBody: true)
                    local.append(Double(DispatchTime.now().uptimeNanoseconds - begin) / 1e6)
                    if let reply, accept(reply) {} else { localErrors += 1 }
                }
                lock.withLock {
                    latencies += local
                    errors += localErrors
                }
            }
        }
        group.wait()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        let sorted = latencies.sorted()
        func percentile(_ p: Double) -> Double {
            sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
        }
        return LoadResult(
            connections: connections,
            requests: sorted.count,
            seconds: seconds,
            p50: percentile(0.5),
            p99: percentile(0.99),
            errors: errors
        )
    }
}
