import Foundation
import HTTPServer
import TestSupport
import Testing

/// Request bodies that arrive at a trickle: cut once they fall below the minimum rate, so the worker reading
/// them is free again after about the body timeout; slow uploads above the rate complete.
@Suite("Request bodies from slow clients")
struct SlowUploadTests {
    private static let configuration = ServerConfiguration(workerCount: 1, bodyReadTimeout: 1, minimumBodyRate: 1000)

    /// Sends `head`, then `total` bytes in pieces of `piece` every `interval` seconds on another thread, until
    /// done or `stop` is set.
    private static func trickle(
        _ client: RawHTTPClient,
        total: Int,
        piece: Int,
        interval: Double,
        stop: @escaping @Sendable () -> Bool
    ) {
        nonisolated(unsafe) let client = client
        Thread.detachNewThread {
            var sent = 0
            while sent < total, !stop() {
                let count = min(piece, total - sent)
                guard (try? client.send([UInt8](repeating: 0x61, count: count))) != nil else { return }
                sent += count
                usleep(UInt32(interval * 1_000_000))
            }
        }
    }

    @Test("a body trickled below the minimum rate is cut after about the body timeout and frees the only worker")
    func tricklingBodyIsCut() throws {
        let server = try TestServer(configuration: Self.configuration)
        let client = try RawHTTPClient(port: server.port, timeout: 10)
        try client.send("POST /count HTTP/1.1\r\nHost: t\r\nContent-Length: 100000\r\n\r\n")
        let stopped = NSLock()
        nonisolated(unsafe) var stop = false
        Self.trickle(client, total: 100_000, piece: 1, interval: 0.2) { stopped.withLock { stop } }
        defer { stopped.withLock { stop = true } }
        let clock = ContinuousClock()
        let started = clock.now
        let response = try client.readResponse()
        let elapsed = clock.now - started
        #expect(response.status == 400)
        #expect(response.text.contains("timedOut"))
        #expect(elapsed < .seconds(3))
        let other = try RawHTTPClient(port: server.port, timeout: 5)
        try other.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(try other.readResponse().text == "hello\n")
    }

    @Test("an upload slower than the body timeout but above the minimum rate completes")
    func slowUploadAboveTheRateCompletes() throws {
        let server = try TestServer(configuration: Self.configuration)
        let client = try RawHTTPClient(port: server.port, timeout: 10)
        try client.send("POST /count HTTP/1.1\r\nHost: t\r\nContent-Length: 12000\r\n\r\n")
        Self.trickle(client, total: 12_000, piece: 400, interval: 0.1) { false }
        let response = try client.readResponse()
        #expect(response.status == 200)
        #expect(response.text == "12000\n")
    }

    @Test("a chunked body trickled below the minimum rate is cut too")
    func tricklingChunkedBodyIsCut() throws {
        let server = try TestServer(configuration: Self.configuration)
        let client = try RawHTTPClient(port: server.port, timeout: 10)
        try client.send("POST /count HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n")
        let stopped = NSLock()
        nonisolated(unsafe) var stop = false
        nonisolated(unsafe) let sender = client
        Thread.detachNewThread {
            while !stopped.withLock({ stop }) {
                guard (try? sender.send("1\r\na\r\n")) != nil else { return }
                usleep(300_000)
            }
        }
        defer { stopped.withLock { stop = true } }
        let clock = ContinuousClock()
        let started = clock.now
        let response = try client.readResponse()
        #expect(response.status == 400)
        #expect(clock.now - started < .seconds(3))
    }
}
