import Foundation

/// Small-GET benchmark: req/s and latency percentiles at several connection counts with our own client, server
/// RSS with many idle connections, and `wrk` at 64 connections against kalends and nginx serving the same bytes.
enum HTTPBench {
    static let body = Array(repeating: UInt8(ascii: "k"), count: 128)

    static func run(arguments: [String]) throws {
        var duration = 5.0
        var levels = [1, 16, 128]
        var idleCount = 1000
        var peers = true
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--duration": duration = Double(iterator.next() ?? "") ?? duration
            case "--connections": levels = (iterator.next() ?? "").split(separator: ",").compactMap { Int($0) }
            case "--idle": idleCount = Int(iterator.next() ?? "") ?? idleCount
            case "--no-peers": peers = false
            default: throw BenchError("unknown argument \(argument)")
            }
        }
        let server = try BenchServer()
        defer { server.stop() }
        let path = "/dav/home/\(BenchServer.user)/small.txt"
        let put = try LoadClient(port: server.port)
        let putRequest = Array(
            "PUT \(path) HTTP/1.1\r\nHost: bench\r\nAuthorization: \(server.authorization)\r\nContent-Length: \(body.count)\r\n\r\n"
                .utf8
        )
        guard try put.roundTrip(putRequest + body) / 100 == 2 else { throw BenchError("PUT failed") }
        let request = Array(
            "GET \(path) HTTP/1.1\r\nHost: bench\r\nAuthorization: \(server.authorization)\r\n\r\n".utf8
        )

        print(
            "suite=http body_bytes=\(body.count) duration_s=\(duration) cores=\(ProcessInfo.processInfo.activeProcessorCount)"
        )
        print("server_rss_kib_start=\(server.residentKiB)")
        for connections in levels {
            let result = try measure(port: server.port, request: request, connections: connections, duration: duration)
            print(
                "kalends_get connections=\(connections) requests_per_s=\(Int(result.rate)) p50_ms=\(format(result.p50)) "
                    + "p99_ms=\(format(result.p99)) errors=\(result.errors)"
            )
        }
        let before = server.residentKiB
        let idle = (0..<idleCount).map { _ in IdleConnection(port: server.port) }
        usleep(500_000)
        let after = server.residentKiB
        print(
            "idle_connections=\(idle.count) server_rss_kib_before=\(before) server_rss_kib_after=\(after) per_connection_bytes=\((after - before) * 1024 / max(1, idle.count))"
        )
        _ = idle
        if peers {
            try PeerComparison.run(
                kalendsPort: server.port,
                path: path,
                authorization: server.authorization,
                body: body,
                duration: duration
            )
        }
    }

    struct Result {
        var rate: Double
        var p50: Double
        var p99: Double
        var errors: Int
    }

    static func measure(port: UInt16, request: [UInt8], connections: Int, duration: Double) throws -> Result {
        let lock = NSLock()
        nonisolated(unsafe) var latencies: [Double] = []
        nonisolated(unsafe) var errors = 0
        let group = DispatchGroup()
        let deadline = Date().addingTimeInterval(duration)
        for _ in 0..<connections {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                var local: [Double] = []
                var localErrors = 0
                guard let client = try? LoadClient(port: port) else {
                    lock.withLock { errors += 1 }
                    return
                }
                while Date() < deadline {
                    let start = DispatchTime.now().uptimeNanoseconds
                    let status = (try? client.roundTrip(request)) ?? 0
                    local.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
                    if status != 200 { localErrors += 1 }
                }
                lock.withLock {
                    latencies += local
                    errors += localErrors
                }
            }
        }
        group.wait()
        let sorted = latencies.sorted()
        func percentile(_ p: Double) -> Double {
            sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
        }
        return Result(
            rate: Double(sorted.count) / duration,
            p50: percentile(0.5),
            p99: percentile(0.99),
            errors: errors
        )
    }

    static func format(_ value: Double) -> String { String(format: "%.3f", value) }
}
