import Foundation
import HTTPServer
import TestSupport
import Testing

/// Which worker serves a ready connection: a worker takes one ready connection at a time, so requests that become
/// ready together are served by whichever workers are free, not held behind a slow one.
@Suite("Ready connections and the workers that serve them")
struct WorkerSchedulingTests {
    @Test("requests that become ready behind a slow one are served by the next free worker, not after it")
    func readyRequestsGoToTheNextFreeWorker() throws {
        let server = try TestServer(configuration: ServerConfiguration(workerCount: 2))
        let first = try RawHTTPClient(port: server.port, timeout: 10)
        let second = try RawHTTPClient(port: server.port, timeout: 10)
        let slow = try RawHTTPClient(port: server.port, timeout: 10)
        let fast = try (0..<5).map { _ in try RawHTTPClient(port: server.port, timeout: 10) }
        // Both workers busy: the second frees first and takes the slow request; the fast ones, ready at the same
        // time, must go to the first worker when it frees, not wait in the second worker's hands.
        try first.send("GET /pause/400 HTTP/1.1\r\nHost: t\r\n\r\n")
        try second.send("GET /pause/200 HTTP/1.1\r\nHost: t\r\n\r\n")
        usleep(50_000)
        try slow.send("GET /pause/2500 HTTP/1.1\r\nHost: t\r\n\r\n")
        usleep(20_000)
        let clock = ContinuousClock()
        let sent = clock.now
        for client in fast { try client.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n") }
        for client in fast { #expect(try client.readResponse().text == "hello\n") }
        #expect(clock.now - sent < .milliseconds(1500))
        #expect(try slow.readResponse().text == "paused\n")
        #expect(try first.readResponse().text == "paused\n")
        #expect(try second.readResponse().text == "paused\n")
    }

    /// Sends `paths` on connections of their own at once; returns the seconds until every response was read.
    private static func timeAll(_ paths: [String], port: UInt16, expect text: [String]) throws -> Double {
        let clients = try paths.map { _ in try RawHTTPClient(port: port, timeout: 10) }
        let clock = ContinuousClock()
        let sent = clock.now
        for (client, path) in zip(clients, paths) { try client.send("GET \(path) HTTP/1.1\r\nHost: t\r\n\r\n") }
        for (client, expected) in zip(clients, text) { #expect(try client.readResponse().text == expected) }
        let elapsed = clock.now - sent
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    @Test("no more handlers run at once than the configured workers, though the pool has twice as many threads")
    func handlersAreBoundedByTheirSlots() throws {
        let server = try TestServer(configuration: ServerConfiguration(workerCount: 2))
        let elapsed = try Self.timeAll(
            Array(repeating: "/pause/300", count: 4),
            port: server.port,
            expect: Array(repeating: "paused\n", count: 4)
        )
        #expect(elapsed >= 0.59)
    }

    @Test("handlers waiting with their slots given up do not keep other requests waiting")
    func yieldedSlotsServeOtherRequests() throws {
        let server = try TestServer(configuration: ServerConfiguration(workerCount: 2))
        let waiting = try (0..<2).map { _ in try RawHTTPClient(port: server.port, timeout: 10) }
        for client in waiting { try client.send("GET /yield/1500 HTTP/1.1\r\nHost: t\r\n\r\n") }
        usleep(100_000)
        let elapsed = try Self.timeAll(
            ["/pause/200", "/pause/200"],
            port: server.port,
            expect: ["paused\n", "paused\n"]
        )
        #expect(elapsed < 1.0)
        for client in waiting { #expect(try client.readResponse().text == "yielded\n") }
    }
}
