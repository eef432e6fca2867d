import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Radicale and Xandikos, the Python CalDAV/CardDAV servers the DAV suites compare with, each from its own venv
/// (`KALENDS_BENCH_VENVS`, default `/tmp/davb`, holding `venv-radicale` and `venv-xandikos`; see
/// Docs/benchmarks.md for the `pip install` lines). The data set is written into each server's storage before
/// it starts — importing 10,000 events over HTTP at their 15–22 PUTs/s would take ten minutes per server — and
/// their import rate is measured separately into an empty collection.
///
/// - Radicale 3: built-in server (HTTP/1.0, one connection per request), `[auth] type = none` on loopback (any
///   user name is accepted; the bench user owns `/bench/`), multifilesystem storage: one `.ics`/`.vcf` file per
///   item under `collection-root/bench/<collection>/` with a `.Radicale.props` giving the collection type.
/// - Xandikos: `xandikos serve` (aiohttp, keep-alive) without authentication, collections made with `xandikos
///   create-collection` (a git repository each); the items are written into the work tree and committed.
final class PeerServer {
    enum Kind: String, CaseIterable {
        case radicale
        case xandikos
    }

    let kind: Kind
    let root: String
    let process: Process
    let target: DAVTarget

    private init(kind: Kind, root: String, process: Process, target: DAVTarget) {
        self.kind = kind
        self.root = root
        self.process = process
        self.target = target
    }

    static var venvs: String { ProcessInfo.processInfo.environment["KALENDS_BENCH_VENVS"] ?? "/tmp/davb" }

    /// Starts the peer with `events` in its calendar and `cards` in its address book; nil (and a
    /// `peer=... skipped` line) when it is not installed or does not start.
    static func start(_ kind: Kind, events: [DataFile], cards: [DataFile]) -> PeerServer? {
        let venv = venvs + "/venv-" + kind.rawValue
        guard FileManager.default.isExecutableFile(atPath: venv + "/bin/python") else {
            print("peer=\(kind.rawValue) skipped reason=not-installed venv=\(venv)")
            return nil
        }
        let root = NSTemporaryDirectory() + "kalends-bench-\(kind.rawValue)-" + UUID().uuidString
        do {
            let port = try freePort()
            let server: PeerServer
            switch kind {
            case .radicale: server = try radicale(venv: venv, root: root, port: port, events: events, cards: cards)
            case .xandikos: server = try xandikos(venv: venv, root: root, port: port, events: events, cards: cards)
            }
            try waitUntilListening(port: port, process: server.process)
            print("peer=\(kind.rawValue) started port=\(port) root=\(root)")
            return server
        } catch {
            print("peer=\(kind.rawValue) skipped reason=\"\(error)\"")
            try? FileManager.default.removeItem(atPath: root)
            return nil
        }
    }

    private static func radicale(venv: String, root: String, port: UInt16, events: [DataFile], cards: [DataFile])
        throws -> PeerServer
    {
        let home = root + "/collections/collection-root/bench/"
        let calendarProps = #"{"C:supported-calendar-component-set": "VEVENT,VTODO", "tag": "VCALENDAR"}"#
        let bookProps = #"{"tag": "VADDRESSBOOK"}"#
        for (name, props, files) in [
            ("calendar", calendarProps, events), ("import-calendar", calendarProps, []),
            ("contacts", bookProps, cards), ("import-contacts", bookProps, []),
        ] {
            try write(files, into: home + name)
            try props.write(toFile: home + name + "/.Radicale.props", atomically: true, encoding: .utf8)
        }
        let config = """
            [server]
            hosts = 127.0.0.1:\(port)
            [auth]
            type = none
            [storage]
            filesystem_folder = \(root)/collections
            [web]
            type = none
            [logging]
            level = warning
            """
        try config.write(toFile: root + "/config", atomically: true, encoding: .utf8)
        let process = try launch(
            venv + "/bin/python",
            ["-m", "radicale", "--config", root + "/config"],
            log: root + "/log"
        )
        let authorization = "Basic " + Data("bench:bench".utf8).base64EncodedString()
        return PeerServer(
            kind: .radicale,
            root: root,
            process: process,
            target: DAVTarget(
                name: "radicale",
                port: port,
                authorization: authorization,
                calendar: "/bench/calendar/",
                addressBook: "/bench/contacts/",
                importCalendar: "/bench/import-calendar/",
                importAddressBook: "/bench/import-contacts/",
                processIdentifier: process.processIdentifier
            )
        )
    }

    private static func xandikos(venv: String, root: String, port: UInt16, events: [DataFile], cards: [DataFile])
        throws -> PeerServer
    {
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        for (name, type, files) in [
            ("calendar", "calendar", events), ("import-calendar", "calendar", []),
            ("contacts", "addressbook", cards), ("import-contacts", "addressbook", []),
        ] {
            let create = try launch(
                venv + "/bin/xandikos",
                ["create-collection", "-d", root, "--type", type, "--name", name],
                log: root + "/create.log"
            )
            create.waitUntilExit()
            guard create.terminationStatus == 0 else { throw BenchError("xandikos create-collection failed") }
            guard !files.isEmpty else { continue }
            try write(files, into: root + "/" + name)
            for arguments in [["add", "-A"], ["commit", "-q", "-m", "benchmark data"]] {
                let git = try launch(
                    "/usr/bin/git",
                    ["-C", root + "/" + name, "-c", "user.name=bench", "-c", "user.email=bench@localhost"] + arguments,
                    log: root + "/git.log"
                )
                git.waitUntilExit()
                guard git.terminationStatus == 0 else { throw BenchError("git \(arguments[0]) failed") }
            }
        }
        let process = try launch(
            venv + "/bin/xandikos",
            ["serve", "-d", root, "-l", "127.0.0.1", "-p", String(port), "--current-user-principal", "/bench/"],
            log: root + "/log"
        )
        return PeerServer(
            kind: .xandikos,
            root: root,
            process: process,
            target: DAVTarget(
                name: "xandikos",
                port: port,
                authorization: nil,
                calendar: "/calendar/",
                addressBook: "/contacts/",
                importCalendar: "/import-calendar/",
                importAddressBook: "/import-contacts/",
                processIdentifier: process.processIdentifier
            )
        )
    }

    func stop() {
        process.terminate()
        process.waitUntilExit()
        try? FileManager.default.removeItem(atPath: root)
    }

    private static func write(_ files: [DataFile], into directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for file in files {
            try Data(file.bytes).write(to: URL(fileURLWithPath: directory + "/" + file.name))
        }
    }

    /// Runs `executable` with its output appended to `log`.
    static func launch(_ executable: String, _ arguments: [String], log: String) throws -> Process {
        if !FileManager.default.fileExists(atPath: log) {
            _ = FileManager.default.createFile(atPath: log, contents: nil)
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        handle.seekToEndOfFile()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        return process
    }

    /// A port that was free a moment ago (bound to port 0 and released).
    static func freePort() throws -> UInt16 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0
            }
        }
        guard bound else { throw BenchError("no free port") }
        return UInt16(bigEndian: address.sin_port)
    }

    /// Polls until `port` accepts connections (30 s at most).
    static func waitUntilListening(port: UInt16, process: Process) throws {
        for _ in 0..<300 {
            guard process.isRunning else { throw BenchError("exited with status \(process.terminationStatus)") }
            if let descriptor = try? LoopbackSocket.connect(port: port) {
                close(descriptor)
                return
            }
            usleep(100_000)
        }
        throw BenchError("did not listen within 30 s")
    }
}
