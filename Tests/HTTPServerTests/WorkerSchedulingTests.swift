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
}
