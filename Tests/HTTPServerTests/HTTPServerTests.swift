import Foundation
import HTTPServer
import HTTPWire
import Logging
import TestSupport
import Testing

@Suite("HTTP/1.1 server over real sockets")
struct HTTPServerTests {
    @Test("serves two requests on one keep-alive connection")
    func keepAlive() throws {
        let server = try TestServer()
        let client = try RawHTTPClient(port: server.port)
        for _ in 0..<2 {
            try client.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.status == 200)
            #expect(response.text == "hello\n")
            #expect(response.header("date") != nil)
        }
    }

    @Test("answers pipelined requests in order")
    func pipelining() throws {
        let server = try TestServer()
        let client = try RawHTTPClient(port: server.port)
        try client.send(
            "PUT /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\n\r\nabcGET / HTTP/1.1\r\nHost: t\r\n\r\nPUT /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\n\r\nxy"
        )
        #expect(try client.readResponse().text == "abc")
        #expect(try client.readResponse().text == "hello\n")
        #expect(try client.readResponse().text == "xy")
    }

    @Test("decodes a chunked upload, as macOS Finder sends it")
    func chunkedUpload() throws {
        let server = try TestServer()
        let client = try RawHTTPClient(port: server.port)
        try client.send(
            "PUT /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"
        )
        let response = try client.readResponse()
        #expect(response.text == "hello world")
        try client.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(try client.readResponse().status == 200)
    }

    @Test("sends 100 Continue before reading a body the client holds back")
    func expectContinue() throws {
        let server = try TestServer()
        let client = try RawHTTPClient(port: server.port)
        try client.send("PUT /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n")
        let interim = try client.readResponse()
        #expect(interim.status == 100)
        try client.send("data")
        let final = try client.readResponse()
        #expect(final.status == 200)
        #expect(final.text == "data")
    }

    @Test("accepts a gzip-encoded request body")
    func gzipRequestBody() throws {
        let server = try TestServer()
        let client = try RawHTTPClient(port: server.port)
        let plain = Array(String(repeating: "compress me ", count: 500).utf8)
        let packed = try GzipCompressor.compress(plain)
        try client.send(
            Array(
                "PUT /echo HTTP/1.1\r\nHost: t\r\nContent-Encoding: gzip\r\nContent-Length: \(packed.count)\r\n\r\n"
                    .utf8
            ) + packed
        )
        let response = try client.readResponse()
        #expect(response.body == plain)
    }

    @Test("gzip-compresses compressible bodies for clients that accept it, and only then")
    func gzipResponse() throws {
        let server = try TestServer()
        let client = try RawHTTPClient(port: server.port)
        try client.send("GET /text HTTP/1.1\r\nHost: t\r\nAccept-Encoding: gzip, deflate\r\n\r\n")
        let compressed = try client.readResponse()
        #expect(compressed.header("content-encoding") == "gzip")
        #expect(compressed.body.count < 1000)
        try client.send("GET /text HTTP/1.1\r\nHost: t\r\nAccept-Encoding: gzip;q=0\r\n\r\n")
        let plain = try client.readResponse()
        #expect(plain.header("content-encoding") == nil)
        #expect(plain.body.count == 400 * 26)
    }

    @Test("streams a response with chunked framing")
    func streamedResponse() throws {
        let server = try TestServer()
        let client = try RawHTTPClient(port: server.port)
        try client.send("GET /stream HTTP/1.1\r\nHost: t\r\n\r\n")
        let response = try client.readResponse()
        #expect(response.header("transfer-encoding") == "chunked")
        #expect(response.text.hasPrefix("line 0 of"))
        #expect(response.text.components(separatedBy: "\n").count == 1001)
    }

    @Test("HTTP/1.0 gets its answer and the connection closes")
    func http10() throws {
        let server = try TestServer()
        let client = try RawHTTPClient(port: server.port)
        try client.send("GET / HTTP/1.0\r\n\r\n")
        let response = try client.readResponse()
        #expect(response.status == 200)
        #expect(response.header("connection") == "close")
        #expect(client.isClosedByServer())
    }

    @Test("garbage on the wire gets 400 and the connection closes")
    func garbage() throws {
        let server = try TestServer()
        let client = try RawHTTPClient(port: server.port)
        try client.send("\u{1}\u{2}GARBAGE\r\n\r\n")
        #expect(try client.readResponse().status == 400)
        #expect(client.isClosedByServer())
    }

    @Test("a header block over 64 KiB gets 431")
    func oversizedHeaders() throws {
        let server = try TestServer()
        let client = try RawHTTPClient(port: server.port)
        try? client.send("GET / HTTP/1.1\r\nHost: t\r\nX-Big: " + String(repeating: "a", count: 70_000) + "\r\n\r\n")
        #expect(try client.readResponse().status == 431)
    }

    @Test("a body over the configured limit gets 413 before it is read")
    func oversizedBody() throws {
        let server = try TestServer(
            configuration: ServerConfiguration(limits: HTTPLimits(maxBodySize: 1000), workerCount: 2)
        )
        let client = try RawHTTPClient(port: server.port)
        try client.send("PUT /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5000\r\n\r\n")
        #expect(try client.readResponse().status == 413)
        let chunked = try RawHTTPClient(port: server.port)
        try chunked.send(
            "PUT /count HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n7D0\r\n"
                + String(repeating: "x", count: 2000) + "\r\n0\r\n\r\n"
        )
        #expect(try chunked.readResponse().status == 400)
    }

    @Test("a slow head gets 408 after the header timeout (slowloris)")
    func headerTimeout() throws {
        let server = try TestServer(configuration: ServerConfiguration(workerCount: 2, headerTimeout: 1))
        let client = try RawHTTPClient(port: server.port)
        try client.send("GET / HTTP/1.1\r\nHost: t\r\n")
        let started = Date()
        #expect(try client.readResponse().status == 408)
        #expect(Date().timeIntervalSince(started) < 5)
    }

    @Test("a whole request that waits for a busy worker past the header timeout is served and its connection kept")
    func requestWaitingForAWorkerIsServed() throws {
        let server = try TestServer(configuration: ServerConfiguration(workerCount: 1, headerTimeout: 0.5))
        let waiting = try RawHTTPClient(port: server.port)
        usleep(50_000)
        let busy = try RawHTTPClient(port: server.port)
        try busy.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n")
        usleep(150_000)
        try waiting.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(try busy.readResponse().status == 200)
        #expect(try waiting.readResponse().status == 200)
        try waiting.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(try waiting.readResponse().status == 200)
    }

    @Test("idle keep-alive connections are closed after the keep-alive timeout")
    func idleTimeout() throws {
        let server = try TestServer(configuration: ServerConfiguration(workerCount: 2, keepAliveTimeout: 1))
        let client = try RawHTTPClient(port: server.port)
        try client.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
        _ = try client.readResponse()
        #expect(client.isClosedByServer())
    }

    @Test("connections beyond the limit get 503")
    func connectionLimit() throws {
        let server = try TestServer(configuration: ServerConfiguration(workerCount: 2, maxConnections: 2))
        let first = try RawHTTPClient(port: server.port)
        let second = try RawHTTPClient(port: server.port)
        try first.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
        try second.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
        _ = try first.readResponse()
        _ = try second.readResponse()
        let third = try RawHTTPClient(port: server.port)
        #expect(try third.readResponse().status == 503)
    }

    @Test("hundreds of idle connections stay open and cost no worker")
    func manyIdleConnections() throws {
        let server = try TestServer(configuration: ServerConfiguration(workerCount: 2))
        let idle = try (0..<300).map { _ in try RawHTTPClient(port: server.port) }
        let active = try RawHTTPClient(port: server.port)
        try active.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(try active.readResponse().status == 200)
        #expect(server.server.connectionCount == 301)
        _ = idle
    }

    @Test("graceful shutdown lets an in-flight request finish")
    func gracefulShutdown() throws {
        let server = try TestServer()
        let client = try RawHTTPClient(port: server.port)
        try client.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n")
        usleep(300_000)
        let done = DispatchSemaphore(value: 0)
        let inner = server.server
        DispatchQueue.global().async {
            inner.shutdown()
            done.signal()
        }
        let response = try client.readResponse()
        #expect(response.status == 200)
        #expect(response.header("connection") == "close")
        done.wait()
    }

    @Test("IPv6 loopback works")
    func ipv6() throws {
        let listener = try Listener.bind(ListenAddress(parsing: "[::1]:0")!)
        let server = HTTPServer(
            configuration: ServerConfiguration(workerCount: 2),
            responder: EchoResponder(),
            logger: .init(label: "t")
        )
        try server.start(listeners: [listener])
        defer { server.shutdown() }
        let client = try RawHTTPClient(host: "::1", port: listener.port)
        try client.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(try client.readResponse().status == 200)
    }
}
