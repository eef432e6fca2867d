import Foundation

/// The real `kalends` binary, started on an ephemeral loopback port with a temporary data directory.
///
/// The binary is looked up beside the running test bundle (SwiftPM builds executables into the same folder)
/// or taken from `$KALENDS_BINARY`.
public final class LiveServer {
    /// The data directory.
    public let dataDirectory: String
    /// The bound port.
    public private(set) var port: UInt16 = 0
    private var process: Process?
    private let logBuffer = LogBuffer()

    /// The `kalends` executable to test.
    public static var binary: String {
        if let explicit = ProcessInfo.processInfo.environment["KALENDS_BINARY"] { return explicit }
        let executable =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: executable).deletingLastPathComponent().appendingPathComponent("kalends").path
    }

    /// Runs a `kalends` subcommand to completion and returns its exit status and output.
    @discardableResult
    public static func run(_ arguments: [String], input: String? = nil) throws -> (
        status: Int32, output: String, error: String
    ) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        let output = Pipe()
        let error = Pipe()
        let stdin = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try stdin.fileHandleForWriting.close()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (
            process.terminationStatus, String(decoding: outputData, as: UTF8.self),
            String(decoding: errorData, as: UTF8.self)
        )
    }

    /// Creates a fresh data directory; `users` are created with their passwords before the server starts.
    public init(
        users: [(name: String, password: String)] = [("alice", "alice-password")],
        extraArguments: [String] = [],
        dataDirectory: String? = nil
    ) throws {
        self.dataDirectory = dataDirectory ?? NSTemporaryDirectory() + "kalends-e2e-" + UUID().uuidString
        for user in users {
            let result = try Self.run(
                [
                    "user", "add", user.name, "--password-stdin", "--data", self.dataDirectory, "--set",
                    "auth.password_scheme=sha512crypt",
                ],
                input: user.password + "\n"
            )
            guard result.status == 0 else { throw LiveServerError.setup(result.error + result.output) }
        }
        try start(extraArguments: extraArguments)
    }

    /// Starts (or restarts) the process and waits until it listens.
    public func start(extraArguments: [String] = []) throws {
        let process = Process()
        let errorPipe = Pipe()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments =
            ["serve", "--data", dataDirectory, "--listen", "127.0.0.1:0", "--set", "log.access=false"] + extraArguments
        process.standardError = errorPipe
        process.standardOutput = FileHandle.nullDevice
        logBuffer.clear()
        let buffer = logBuffer
        errorPipe.fileHandleForReading.readabilityHandler = { handle in
            buffer.append(String(decoding: handle.availableData, as: UTF8.self))
        }
        try process.run()
        self.process = process
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            if let port = parsePort() {
                self.port = port
                return
            }
            guard process.isRunning else { throw LiveServerError.setup("server exited: \(log)") }
            usleep(20_000)
        }
        throw LiveServerError.setup("server did not start: \(log)")
    }

    /// The server's process identifier, 0 before it starts.
    public var processIdentifier: Int32 { process?.processIdentifier ?? 0 }

    /// The server's resident set size in KiB (`VmRSS`), or its peak (`VmHWM`), from `/proc`; 0 when unknown.
    public func residentKiB(peak: Bool = false) -> Int {
        let field = peak ? "VmHWM:" : "VmRSS:"
        let status = (try? String(contentsOfFile: "/proc/\(processIdentifier)/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix(field) } ?? ""
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }

    /// Everything the server wrote to stderr so far.
    public var log: String { logBuffer.text }

    /// The server's log once a line containing `text` has arrived (stderr is read asynchronously, so a line the
    /// server wrote before answering may reach the buffer after the answer), or as it is after `timeout` seconds.
    public func log(containing text: String, timeout: Double = 5) -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var current = log
        while !current.contains(text), Date() < deadline {
            Thread.sleep(forTimeInterval: 0.02)
            current = log
        }
        return current
    }

    private func parsePort() -> UInt16? {
        let text = log
        guard let range = text.range(of: "listening on http://127.0.0.1:") else { return nil }
        let digits = text[range.upperBound...].prefix { $0.isNumber }
        return UInt16(digits)
    }

    /// Sends SIGTERM and waits for a clean exit; returns the exit status.
    @discardableResult
    public func stop() -> Int32 {
        guard let process else { return 0 }
        guard process.isRunning else { return process.terminationStatus }
        process.terminate()
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Sends SIGKILL (crash simulation) and waits.
    public func kill() {
        guard let process, process.isRunning else { return }
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// A `Basic` Authorization header value.
    public static func basic(_ user: String, _ password: String) -> String {
        "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(atPath: dataDirectory)
    }
}

/// Failures starting the live server.
public enum LiveServerError: Error {
    /// The binary failed to set up or start; the text has its output.
    case setup(String)
}

/// Text collected from a pipe on another thread.
private final class LogBuffer: @unchecked Sendable {
    private let lock = NSLock()
    private var storage = ""

    var text: String { lock.withLock { storage } }
    func append(_ text: String) { lock.withLock { storage += text } }
    func clear() { lock.withLock { storage = "" } }
}
