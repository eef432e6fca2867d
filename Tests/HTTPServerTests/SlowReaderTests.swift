import Foundation
import HTTPServer
import TestSupport
import Testing

/// Responses to clients that do not read: the rest waits on the connection for epoll, not on a worker. Other
/// clients must be answered within a second each — far below the 30 s write timeout a waiting worker would take,
/// and loose enough for a machine loaded by parallel tests and other builds.
@Suite("Responses to slow readers")
struct SlowReaderTests {
    @Test("a single worker keeps serving others while a client leaves a 16 MiB response unread")
    func unreadResponseHoldsNoWorker() throws {
        _ = EchoResponder.largeBody
        let server = try TestServer(configuration: ServerConfiguration(workerCount: 1, writeTimeout: 30))
        let stalled = try RawHTTPClient(port: server.port, timeout: 30, receiveBuffer: 4096)
        try stalled.send("GET /large HTTP/1.1\r\nHost: t\r\n\r\nGET / HTTP/1.1\r\nHost: t\r\n\r\n")
        usleep(200_000)
        let clock = ContinuousClock()
        for _ in 0..<20 {
            let started = clock.now
            let other = try RawHTTPClient(port: server.port, timeout: 5)
            try other.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try other.readResponse().text == "hello\n")
            #expect(clock.now - started < .seconds(1))
        }
        let large = try stalled.readResponse()
        #expect(large.body.count == EchoResponder.largeBody.count)
        #expect(large.body.elementsEqual(EchoResponder.largeBody))
        #expect(try stalled.readResponse().text == "hello\n")
    }

    @Test("a single worker keeps serving others while a client leaves a 16 MiB streamed response unread")
    func unreadStreamHoldsNoWorker() throws {
        let server = try TestServer(configuration: ServerConfiguration(workerCount: 1, writeTimeout: 30))
        let stalled = try RawHTTPClient(port: server.port, timeout: 30, receiveBuffer: 4096)
        try stalled.send("GET /large-stream HTTP/1.1\r\nHost: t\r\n\r\nGET / HTTP/1.1\r\nHost: t\r\n\r\n")
        usleep(300_000)
        let clock = ContinuousClock()
        for _ in 0..<20 {
            let started = clock.now
            let other = try RawHTTPClient(port: server.port, timeout: 5)
            try other.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try other.readResponse().text == "hello\n")
            #expect(clock.now - started < .seconds(1))
        }
        let streamed = try stalled.readResponse()
        #expect(streamed.header("transfer-encoding") == "chunked")
        #expect(streamed.body.count == EchoResponder.largeBody.count)
        #expect(streamed.body.elementsEqual(EchoResponder.largeBody))
        #expect(try stalled.readResponse().text == "hello\n")
    }

    @Test("a streamed response larger than the stream buffer reaches a slow reader whole and in order")
    func streamLargerThanBufferArrivesWhole() throws {
        let server = try TestServer(configuration: ServerConfiguration(workerCount: 2, writeTimeout: 30))
        let client = try RawHTTPClient(port: server.port, timeout: 30, receiveBuffer: 4096)
        try client.send("GET /large-stream HTTP/1.1\r\nHost: t\r\n\r\nGET / HTTP/1.1\r\nHost: t\r\n\r\n")
        usleep(300_000)
        let streamed = try client.readResponse()
        #expect(streamed.header("transfer-encoding") == "chunked")
        #expect(streamed.body.count == EchoResponder.largeBody.count)
        #expect(streamed.body.elementsEqual(EchoResponder.largeBody))
        #expect(try client.readResponse().text == "hello\n")
    }

    @Test("a client that never reads a queued response is dropped after the write timeout")
    func queuedResponseTimesOut() throws {
        let server = try TestServer(configuration: ServerConfiguration(workerCount: 1, writeTimeout: 1))
        let stalled = try RawHTTPClient(port: server.port, timeout: 10, receiveBuffer: 4096)
        try stalled.send("GET /large HTTP/1.1\r\nHost: t\r\n\r\n")
        let deadline = Date().addingTimeInterval(5)
        while server.server.connectionCount == 0, Date() < deadline { usleep(10_000) }
        usleep(500_000)
        #expect(server.server.connectionCount == 1)
        while server.server.connectionCount > 0, Date() < deadline { usleep(50_000) }
        #expect(server.server.connectionCount == 0)
        #expect((try? stalled.readResponse()) == nil)
    }
}
