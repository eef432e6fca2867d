import Foundation

/// `kalends-bench crash`: many concurrent small PUTs, `kill -9` part-way, restart, then check that every PUT that
/// got a 2xx is there with the ETag it was given, and that `kalends check` is clean.
enum CrashBench {
    static func run(arguments: [String]) throws {
        var total = 1000
        var connections = 64
        var rounds = 1
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--puts": total = Int(iterator.next() ?? "") ?? total
            case "--connections": connections = Int(iterator.next() ?? "") ?? connections
            case "--rounds": rounds = Int(iterator.next() ?? "") ?? rounds
            default: throw BenchError("unknown argument \(argument)")
            }
        }
        let server = try BenchServer()
        defer { server.stop() }
        var verifiedTotal = 0
        var lostTotal = 0
        for round in 0..<rounds {
            let outcome = try burst(server: server, round: round, total: total, connections: connections)
            try server.start()
            var lost = 0
            let checker = try LoadClient(port: server.port)
            for (name, etag) in outcome {
                let request = Array(
                    "HEAD /dav/home/\(BenchServer.user)/\(name) HTTP/1.1\r\nHost: b\r\nAuthorization: \(server.authorization)\r\n\r\n"
                        .utf8
                )
                let (status, headers) = try checker.roundTripHead(request)
                if status != 200 || !headers.contains("etag: \(etag.lowercased())") { lost += 1 }
            }
            verifiedTotal += outcome.count
            lostTotal += lost
            print("round=\(round) acknowledged=\(outcome.count) lost=\(lost)")
        }
        server.stop()
        let check = Process()
        check.executableURL = URL(fileURLWithPath: BenchServer.binary)
        check.arguments = ["check", "--data", server.dataDirectory]
        check.standardOutput = FileHandle.nullDevice
        try check.run()
        check.waitUntilExit()
        print(
            "suite=crash rounds=\(rounds) puts_per_round=\(total) connections=\(connections) verified=\(verifiedTotal) lost=\(lostTotal) check_status=\(check.terminationStatus)"
        )
    }

    /// Runs the PUTs from `connections` threads and kills the server once about half are acknowledged.
    private static func burst(server: BenchServer, round: Int, total: Int, connections: Int) throws -> [String: String]
    {
        let lock = NSLock()
        nonisolated(unsafe) var acknowledged: [String: String] = [:]
        nonisolated(unsafe) var next = 0
        let killAt = Int.random(in: (total / 4)...(total * 3 / 4))
        let killed = DispatchSemaphore(value: 0)
        let group = DispatchGroup()
        let port = server.port
        let authorization = server.authorization
        for _ in 0..<connections {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                guard let client = try? LoadClient(port: port) else { return }
                while true {
                    let index: Int? = lock.withLock {
                        guard next < total else { return nil }
                        next += 1
                        return next - 1
                    }
                    guard let index else { return }
                    let name = "r\(round)-\(index).txt"
                    let body = "round \(round) put \(index)\n"
                    let request = Array(
                        "PUT /dav/home/\(BenchServer.user)/\(name) HTTP/1.1\r\nHost: b\r\nAuthorization: \(authorization)\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
                            .utf8
                    )
                    guard let (status, headers) = try? client.roundTripHead(request), status / 100 == 2,
                        let etagLine = headers.split(separator: "\r\n").first(where: { $0.hasPrefix("etag:") })
                    else { return }
                    let etag = String(etagLine.dropFirst(5)).trimmingCharacters(in: .whitespaces)
                    let count = lock.withLock {
                        acknowledged[name] = etag
                        return acknowledged.count
                    }
                    if count == killAt { killed.signal() }
                }
            }
        }
        _ = killed.wait(timeout: .now() + 60)
        server.kill()
        group.wait()
        return lock.withLock { acknowledged }
    }
}
