import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The kalends binary under test, started on loopback with a throw-away data directory.
final class BenchServer {
    private(set) var process = Process()
    let dataDirectory: String
    private(set) var port: UInt16 = 0
    static let user = "bench"
    static let password = "bench-password"

    static var binary: String {
        if let explicit = ProcessInfo.processInfo.environment["KALENDS_BINARY"] { return explicit }
        let executable =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: executable).deletingLastPathComponent().appendingPathComponent("kalends").path
    }

    init() throws {
        dataDirectory = NSTemporaryDirectory() + "kalends-bench-" + UUID().uuidString
        let add = Process()
        add.executableURL = URL(fileURLWithPath: Self.binary)
        add.arguments = ["user", "add", Self.user, "--password-stdin", "--data", dataDirectory]
        let input = Pipe()
        add.standardInput = input
        add.standardOutput = FileHandle.nullDevice
        try add.run()
        input.fileHandleForWriting.write(Data((Self.password + "\n").utf8))
        try input.fileHandleForWriting.close()
        add.waitUntilExit()
        try start()
    }

    /// Starts the server process on the data directory and waits until it listens.
    func start() throws {
        process = Process()
        let log = dataDirectory + ".log"
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = ["serve", "--data", dataDirectory, "--listen", "127.0.0.1:0", "--set", "log.access=false"]
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        var found: UInt16?
        for _ in 0..<200 where found == nil {
            usleep(50_000)
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            if let range = text.range(of: "listening on http://127.0.0.1:") {
                found = UInt16(text[range.upperBound...].prefix { $0.isNumber })
            }
        }
        guard let found else { throw BenchError("kalends did not start; see \(log)") }
        port = found
    }

    /// Resident set size of the server in KiB.
    var residentKiB: Int { statusField("VmRSS:") }

    /// Peak resident set size of the server in KiB.
    var peakResidentKiB: Int { statusField("VmHWM:") }

    private func statusField(_ name: String) -> Int {
        let status = (try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix(name) } ?? ""
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }

    var authorization: String {
        "Basic " + Data("\(Self.user):\(Self.password)".utf8).base64EncodedString()
    }

    /// SIGKILL, as a crash.
    func kill() {
        Glibc.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    func stop() {
        process.terminate()
        process.waitUntilExit()
        try? FileManager.default.removeItem(atPath: dataDirectory)
        try? FileManager.default.removeItem(atPath: dataDirectory + ".log")
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
