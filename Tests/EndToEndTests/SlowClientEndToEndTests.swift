import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Slow, stalled and broken clients against the real binary: the server times them out or drops them and keeps
/// serving everyone else at normal latency.
@Suite("Slow and broken clients end to end", .serialized)
struct SlowClientEndToEndTests {
    let alice = LiveServer.basic("alice", "alice-password")

    /// Seconds for one `/health` round trip on a fresh connection.
    private func healthLatency(_ server: LiveServer) throws -> Double {
        let clock = ContinuousClock()
        let started = clock.now
        let client = try RawHTTPClient(port: server.port, timeout: 30)
        try client.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try client.readResponse().status == 200)
        let elapsed = clock.now - started
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    /// Names of the blob files (temporary ones included) under the data directory.
    private func blobFiles(_ server: LiveServer) -> Set<String> {
        let root = server.dataDirectory + "/blobs"
        let enumerator = FileManager.default.enumerator(atPath: root)
        var files: Set<String> = []
        while let name = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + name, isDirectory: &isDirectory),
                !isDirectory.boolValue
            {
                files.insert(name)
            }
        }
        return files
    }

    @Test("slowloris clients sending a header byte per second get 408 and do not block others")
    func slowlorisGets408() throws {
        let server = try LiveServer(extraArguments: ["--set", "server.header_timeout=2", "--set", "server.workers=4"])
        let head = Array("GET /dav/home/alice/ HTTP/1.1\r\nHost: x\r\nX-Padding: aaaaaaaaaaaaaaaaaaaaaaaa\r\n".utf8)
        let clients = try (0..<16).map { _ in try RawHTTPClient(port: server.port, timeout: 10) }
        let clock = ContinuousClock()
        let started = clock.now
        var latencies: [Double] = []
        for index in 0..<3 {
            for client in clients { try? client.send([head[index]]) }
            latencies.append(try healthLatency(server))
            sleep(1)
        }
        for client in clients {
            let response = try client.readResponse()
            #expect(response.status == 408)
            #expect(client.isClosedByServer())
        }
        let elapsed = clock.now - started
        print("slowloris: 16 clients timed out after \(elapsed); /health latencies meanwhile \(latencies)")
        #expect(elapsed < .seconds(8))
        #expect(latencies.allSatisfy { $0 < 0.5 })
    }

    @Test("a client that stops reading a large response is dropped after the write timeout; others keep going")
    func stalledReaderDoesNotStallOthers() throws {
        let server = try LiveServer(extraArguments: ["--set", "server.write_timeout=3", "--set", "server.workers=4"])
        let size = 16 << 20
        let upload = try RawHTTPClient(port: server.port, timeout: 60)
        try upload.send(
            "PUT /dav/home/alice/big.bin HTTP/1.1\r\nHost: x\r\nAuthorization: \(alice)\r\nContent-Length: \(size)\r\n\r\n"
        )
        try upload.send([UInt8](repeating: 0x61, count: size))
        #expect(try upload.readResponse().status == 201)
        let stalled = try RawHTTPClient(port: server.port, timeout: 30, receiveBuffer: 4096)
        try stalled.send("GET /dav/home/alice/big.bin HTTP/1.1\r\nHost: x\r\nAuthorization: \(alice)\r\n\r\n")
        usleep(300_000)
        var latencies: [Double] = []
        for _ in 0..<5 {
            latencies.append(try healthLatency(server))
            usleep(200_000)
        }
        let other = try server.request("GET", "/dav/home/alice/", auth: alice)
        #expect(other.status == 200)
        sleep(4)
        // The server gave up on the stalled client: reading now ends long before 64 MiB.
        var received = 0
        while let response = try? stalled.readResponse() {
            received += response.body.count
        }
        print("stalled reader: /health latencies \(latencies); stalled client got \(received) body bytes")
        #expect(received < size)
        #expect(latencies.allSatisfy { $0 < 0.5 })
    }

    @Test("twice as many stalled readers as workers hold no worker: /health and small GETs stay under 100 ms")
    func stalledReadersHoldNoWorker() throws {
        let workers = 4
        let server = try LiveServer(extraArguments: [
            "--set", "server.write_timeout=30", "--set", "server.workers=\(workers)",
        ])
        let size = 16 << 20
        let upload = try RawHTTPClient(port: server.port, timeout: 60)
        try upload.send(
            "PUT /dav/home/alice/big.bin HTTP/1.1\r\nHost: x\r\nAuthorization: \(alice)\r\nContent-Length: \(size)\r\n\r\n"
        )
        try upload.send([UInt8](repeating: 0x62, count: size))
        #expect(try upload.readResponse().status == 201)
        #expect(try server.request("PUT", "/dav/home/alice/small.txt", auth: alice, body: "small").status == 201)
        let stalled = try (0..<(2 * workers)).map { _ in
            try RawHTTPClient(port: server.port, timeout: 30, receiveBuffer: 4096)
        }
        // One at a time, so that each lands on an idle worker (a worker takes up to eight ready connections at once).
        for client in stalled {
            try client.send("GET /dav/home/alice/big.bin HTTP/1.1\r\nHost: x\r\nAuthorization: \(alice)\r\n\r\n")
            usleep(100_000)
        }
        usleep(300_000)
        var health: [Double] = []
        var small: [Double] = []
        let clock = ContinuousClock()
        for _ in 0..<100 {
            health.append(try healthLatency(server))
            let started = clock.now
            #expect(try server.request("GET", "/dav/home/alice/small.txt", auth: alice).text == "small")
            let elapsed = clock.now - started
            small.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        }
        health.sort()
        small.sort()
        print(
            "\(stalled.count) stalled readers, \(workers) workers: /health median \(health[50] * 1000) ms, "
                + "p99 \(health[98] * 1000) ms; small GET median \(small[50] * 1000) ms, p99 \(small[98] * 1000) ms"
        )
        #expect(health[98] < 0.1)
        #expect(small[98] < 0.1)
        // A parked response resumes where it stopped, and the connection then serves its next request.
        let resumed = try stalled[0].readResponse()
        #expect(resumed.body.count == size)
        #expect(resumed.body.allSatisfy { $0 == 0x62 })
        try stalled[0].send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try stalled[0].readResponse().status == 200)
    }

    @Test("a connection reset mid-upload leaves no resource and no blob file")
    func resetMidUploadLeavesNothing() throws {
        let server = try LiveServer()
        let before = blobFiles(server)
        let identity = try RawHTTPClient(port: server.port)
        try identity.send(
            "PUT /dav/home/alice/partial.bin HTTP/1.1\r\nHost: x\r\nAuthorization: \(alice)\r\nContent-Length: \(8 << 20)\r\n\r\n"
        )
        try identity.send([UInt8](repeating: 0x63, count: 3 << 20))
        usleep(200_000)
        identity.reset()
        let chunked = try RawHTTPClient(port: server.port)
        try chunked.send(
            "PUT /dav/home/alice/chunked.bin HTTP/1.1\r\nHost: x\r\nAuthorization: \(alice)\r\nTransfer-Encoding: chunked\r\n\r\n"
        )
        for _ in 0..<3 {
            try chunked.send(Array("100000\r\n".utf8) + [UInt8](repeating: 0x64, count: 1 << 20) + [13, 10])
        }
        usleep(200_000)
        chunked.reset()
        usleep(500_000)
        #expect(try server.request("GET", "/dav/home/alice/partial.bin", auth: alice).status == 404)
        #expect(try server.request("GET", "/dav/home/alice/chunked.bin", auth: alice).status == 404)
        #expect(blobFiles(server) == before)
        #expect(try server.request("PUT", "/dav/home/alice/after.txt", auth: alice, body: "ok").status == 201)
        server.stop()
        #expect(try LiveServer.run(["check", "--data", server.dataDirectory]).status == 0)
    }

    @Test("10,000 idle connections hold no worker: another client keeps normal latency and memory stays bounded")
    func manyIdleConnections() throws {
        var limit = rlimit()
        getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit)
        limit.rlim_cur = limit.rlim_max
        setrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit)
        let wanted = min(10_000, Int(limit.rlim_cur) - 200)
        let server = try LiveServer(extraArguments: ["--set", "server.keepalive_timeout=120"])
        let baseline = try (0..<20).map { _ in try healthLatency(server) }
        let rssBefore = server.residentKiB()
        var idle: [RawHTTPClient] = []
        idle.reserveCapacity(wanted)
        for _ in 0..<wanted {
            guard let client = try? RawHTTPClient(port: server.port, timeout: 5) else { break }
            idle.append(client)
        }
        // Half of them sent one complete request first, so they are idle keep-alive connections.
        for client in idle.prefix(idle.count / 2) { try client.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n") }
        for client in idle.prefix(idle.count / 2) { _ = try client.readResponse() }
        let loaded = try (0..<20).map { _ in try healthLatency(server) }
        let authenticated = try server.request("GET", "/dav/home/alice/", auth: alice)
        let rssAfter = server.residentKiB()
        let sortedBaseline = baseline.sorted()
        let sortedLoaded = loaded.sorted()
        print(
            "idle connections: \(idle.count) (wanted \(wanted), RLIMIT_NOFILE \(limit.rlim_cur)); "
                + "health median \(sortedBaseline[10] * 1000) ms → \(sortedLoaded[10] * 1000) ms, "
                + "max \(sortedLoaded.last.map { $0 * 1000 } ?? 0) ms; RSS \(rssBefore) KiB → \(rssAfter) KiB "
                + "(\((rssAfter - rssBefore) * 1024 / max(idle.count, 1)) bytes per connection)"
        )
        #expect(idle.count == wanted)
        #expect(authenticated.status == 200)
        #expect(sortedLoaded[10] < 0.05)
        #expect(rssAfter - rssBefore < 256 * 1024)
    }
}
