import Foundation
import HTTPServer
import HTTPWire
import Logging

/// A responder with a few behaviours the server tests need.
struct EchoResponder: HTTPResponder {
    /// The 16 MiB body of `/large` and `/large-stream` — more than loopback socket buffers hold (4 MiB each way
    /// at most) — of bytes counting 0…250 over and over, so a lost or reordered piece shows.
    static let largeBody: [UInt8] = {
        var bytes = (0..<251).map { UInt8($0) }
        while bytes.count < 16 << 20 { bytes += bytes }
        return Array(bytes.prefix(16 << 20))
    }()

    func respond(to request: HTTPRequest) -> HTTPResponse {
        switch request.head.path {
        case "/echo":
            do {
                let body = try request.body.readAll(limit: 64 << 20)
                return HTTPResponse(status: .ok, headers: ["X-Length": String(body.count)], body: .bytes(body))
            } catch HTTPBodyError.invalid(let error) {
                return .text(error.status, "bad body")
            } catch {
                return .text(.badRequest, "body failed: \(error)")
            }
        case "/count":
            var total = 0
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            do {
                while true {
                    let count = try chunk.withUnsafeMutableBytes { try request.body.read(into: $0) }
                    if count == 0 { break }
                    total += count
                }
            } catch {
                return .text(.badRequest, "body failed: \(error)")
            }
            return .text(.ok, String(total))
        case "/slow":
            usleep(1_500_000)
            return .text(.ok, "slow")
        case "/stream":
            return HTTPResponse(
                status: .ok,
                headers: ["Content-Type": "text/plain"],
                body: .stream { writer in
                    for index in 0..<1000 { try writer.write("line \(index) of a streamed response\n") }
                },
                isCompressible: true
            )
        case "/large":
            return HTTPResponse(status: .ok, headers: [:], body: .bytes(EchoResponder.largeBody))
        case "/large-stream":
            return HTTPResponse(
                status: .ok,
                headers: [:],
                body: .stream { writer in
                    try EchoResponder.largeBody.withUnsafeBytes { raw in
                        for start in stride(from: 0, to: raw.count, by: 10_000) {
                            try writer.write(
                                UnsafeRawBufferPointer(rebasing: raw[start..<min(start + 10_000, raw.count)])
                            )
                        }
                    }
                }
            )
        case "/text":
            return HTTPResponse(
                status: .ok,
                headers: ["Content-Type": "text/calendar"],
                body: .bytes(Array(String(repeating: "BEGIN:VEVENT\r\nEND:VEVENT\r\n", count: 400).utf8)),
                isCompressible: true
            )
        case let path where path.hasPrefix("/held/"):
            var response = HTTPResponse.text(.created, "saved \(path.dropFirst("/held/".count))")
            response.gate = ManualGate.named(String(path.dropFirst("/held/".count)))
            return response
        case let path where path.hasPrefix("/held-stream/"):
            var response = HTTPResponse(
                status: .ok,
                body: .stream { writer in try writer.write("streamed after the gate\n") }
            )
            response.gate = ManualGate.named(String(path.dropFirst("/held-stream/".count)))
            return response
        case let path where path.hasPrefix("/pause/"):
            usleep(UInt32(path.dropFirst("/pause/".count)).map { $0 * 1000 } ?? 0)
            return .text(.ok, "paused")
        default:
            return .text(.ok, "hello")
        }
    }
}

/// A gate a test opens by hand: `/held/<name>` answers with the gate called `<name>`, created on first use.
final class ManualGate: ResponseGate, @unchecked Sendable {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var gates: [String: ManualGate] = [:]

    private let lock = NSLock()
    private var outcome: Bool?
    private var waiting: [@Sendable (Bool) -> Void] = []

    static func named(_ name: String) -> ManualGate {
        lock.withLock {
            if let gate = gates[name] { return gate }
            let gate = ManualGate()
            gates[name] = gate
            return gate
        }
    }

    func whenOpen(_ opened: @escaping @Sendable (Bool) -> Void) {
        let outcome: Bool? = lock.withLock {
            if self.outcome == nil { waiting.append(opened) }
            return self.outcome
        }
        if let outcome { opened(outcome) }
    }

    /// Opens the gate (or fails it, with `false`) from another thread, as a flush queue would.
    func open(_ outcome: Bool = true) {
        let waiting = lock.withLock {
            self.outcome = outcome
            defer { self.waiting = [] }
            return self.waiting
        }
        let finished = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            for opened in waiting { opened(outcome) }
            finished.signal()
        }
        finished.wait()
    }
}

/// An in-process server on an ephemeral loopback port.
final class TestServer {
    let server: HTTPServer
    let port: UInt16

    init(configuration: ServerConfiguration = ServerConfiguration(workerCount: 4)) throws {
        let listener = try Listener.bind(ListenAddress(host: "127.0.0.1", port: 0))
        port = listener.port
        server = HTTPServer(configuration: configuration, responder: EchoResponder(), logger: Logger(label: "test"))
        try server.start(listeners: [listener])
    }

    deinit { server.shutdown() }
}
