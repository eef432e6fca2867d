import Foundation
import HTTPServer
import TestSupport
import Testing

/// Responses held by a gate until the writes they acknowledge are durable (ADR 0019): the worker that queued one
/// moves on, and the response goes out when the gate opens — or a 500 when it fails.
@Suite("Responses held until their gate opens")
struct HeldResponseTests {
    /// Reads a response through a client whose short receive timeout proved that none had come yet, allowing up to
    /// ten seconds now that one is due (the machine may be busy with other tests).
    private static func readResponse(from client: RawHTTPClient) throws -> RawResponse {
        for _ in 0..<19 {
            if let response = try? client.readResponse() { return response }
        }
        return try client.readResponse()
    }

    @Test("a held response goes out when its gate opens, and its only worker serves others meanwhile")
    func heldResponseLeavesTheWorkerFree() throws {
        let server = try TestServer(configuration: ServerConfiguration(workerCount: 1))
        let gate = ManualGate.named("free-worker")
        let held = try RawHTTPClient(port: server.port, timeout: 0.5)
        try held.send("PUT /held/free-worker HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n")
        usleep(100_000)
        let other = try RawHTTPClient(port: server.port, timeout: 5)
        try other.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(try other.readResponse().text == "hello\n")
        #expect(throws: (any Error).self) { try held.readResponse() }
        gate.open()
        let response = try Self.readResponse(from: held)
        #expect(response.status == 201)
        #expect(response.text == "saved free-worker\n")
        try held.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(try held.readResponse().text == "hello\n")
    }

    @Test("a gate that fails turns the response into a 500 and closes the connection")
    func failedGateAnswers500() throws {
        let server = try TestServer(configuration: ServerConfiguration(workerCount: 1))
        let client = try RawHTTPClient(port: server.port, timeout: 5)
        try client.send("PUT /held/fails HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n")
        usleep(100_000)
        ManualGate.named("fails").open(false)
        let response = try client.readResponse()
        #expect(response.status == 500)
        #expect(response.header("Connection") == "close")
        #expect(!response.text.contains("saved fails"))
        #expect(client.isClosedByServer())
    }

    @Test("a request pipelined behind a held response is answered after it, in order")
    func pipelinedRequestWaitsForTheHeldOne() throws {
        let server = try TestServer(configuration: ServerConfiguration(workerCount: 2))
        let client = try RawHTTPClient(port: server.port, timeout: 5)
        try client.send(
            "PUT /held/pipelined HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\nGET /after HTTP/1.1\r\nHost: t\r\n\r\n"
        )
        usleep(100_000)
        ManualGate.named("pipelined").open()
        #expect(try client.readResponse().text == "saved pipelined\n")
        #expect(try client.readResponse().text == "hello\n")
    }

    @Test("a gate that is already open sends the response at once")
    func openGateSendsAtOnce() throws {
        let server = try TestServer()
        ManualGate.named("already-open").open()
        let client = try RawHTTPClient(port: server.port, timeout: 5)
        try client.send("PUT /held/already-open HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n")
        #expect(try client.readResponse().text == "saved already-open\n")
    }

    @Test("a streamed response waits for its gate on its worker, then streams")
    func streamedResponseWaitsForItsGate() throws {
        let server = try TestServer(configuration: ServerConfiguration(workerCount: 2))
        let client = try RawHTTPClient(port: server.port, timeout: 0.5)
        try client.send("GET /held-stream/stream HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(throws: (any Error).self) { try client.readResponse() }
        ManualGate.named("stream").open()
        #expect(try Self.readResponse(from: client).text == "streamed after the gate\n")
    }
}
