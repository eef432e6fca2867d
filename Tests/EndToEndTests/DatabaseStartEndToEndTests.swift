import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `kalends serve` and `kalends check` on a damaged, missing or read-only database: a clear error naming the file,
/// a non-zero exit, and every byte of the data directory left as it was — however often a supervisor restarts it.
@Suite("Database problems at start end to end", .serialized)
struct DatabaseStartEndToEndTests {
    let alice = LiveServer.basic("alice", "alice-password")

    /// A data directory with a user, a small file, a blob-sized file and an event, server stopped.
    private func populatedDataDirectory() throws -> String {
        let server = try LiveServer()
        let big = String(repeating: "b", count: 200_000)
        #expect(try server.request("PUT", "/dav/home/alice/big.bin", auth: alice, body: big).status == 201)
        #expect(try server.request("PUT", "/dav/home/alice/small.txt", auth: alice, body: "small").status == 201)
        #expect(server.stop() == 0)
        let copy = NSTemporaryDirectory() + "kalends-start-" + UUID().uuidString
        try FileManager.default.copyItem(atPath: server.dataDirectory, toPath: copy)
        return copy
    }

    /// Every file under `directory` with its bytes.
    private func snapshot(_ directory: String) -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: directory)
        while let name = enumerator?.nextObject() as? String {
            if let data = FileManager.default.contents(atPath: directory + "/" + name) {
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: directory + "/" + name, isDirectory: &isDirectory),
                    !isDirectory.boolValue
                {
                    files[name] = data
                }
            }
        }
        return files
    }

    /// Runs `kalends <arguments>`, killing it after `timeout` seconds (a server that started when it should not
    /// have); returns the exit status (nil if it had to be killed) and its standard error.
    private func run(_ arguments: [String], timeout: Double = 20) throws -> (status: Int32?, error: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: LiveServer.binary)
        process.arguments = arguments
        let errorFile = NSTemporaryDirectory() + "kalends-start-stderr-" + UUID().uuidString
        #expect(FileManager.default.createFile(atPath: errorFile, contents: nil))
        defer { try? FileManager.default.removeItem(atPath: errorFile) }
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errorFile))
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        var status: Int32? = nil
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        } else {
            status = process.terminationStatus
        }
        let error = (try? String(contentsOfFile: errorFile, encoding: .utf8)) ?? ""
        return (status, error)
    }

    /// Runs `serve` three times (as a supervisor restarting it would) and `check` once on `directory`; each must
    /// exit non-zero naming `named`, and the directory's bytes must not change.
    private func expectRefusedUnchanged(_ directory: String, naming named: String, _ case: String) throws {
        let before = snapshot(directory)
        for attempt in 1...3 {
            let serve = try run(["serve", "--data", directory, "--listen", "127.0.0.1:0"])
            #expect(serve.status != nil && serve.status != 0, "\(`case`): serve attempt \(attempt) did not fail")
            #expect(serve.error.contains(named), "\(`case`): serve said \(serve.error)")
            if attempt == 1 { print("\(`case`): serve exit \(serve.status ?? -1): \(serve.error)") }
        }
        let check = try run(["check", "--data", directory])
        #expect(check.status != nil && check.status != 0, "\(`case`): check did not fail")
        #expect(check.error.contains(named), "\(`case`): check said \(check.error)")
        let after = snapshot(directory)
        #expect(after.keys.sorted() == before.keys.sorted(), "\(`case`): files added or removed")
        #expect(after == before, "\(`case`): bytes changed")
    }

    /// Overwrites `count` bytes at `offset` of `path` with 0xFF.
    private func scribble(_ path: String, at offset: UInt64, count: Int) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seek(toOffset: offset)
        handle.write(Data(repeating: 0xFF, count: count))
        try handle.close()
    }

    @Test("a clean stop copies the write-ahead log into the database file, which then holds every write alone")
    func cleanStopLeavesNoWriteAheadLog() throws {
        let directory = try populatedDataDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let log =
            (try? FileManager.default.attributesOfItem(atPath: directory + "/kalends.sqlite3-wal")[.size] as? Int) ?? 0
        #expect(log == 0)
        let check = try run(["check", "--data", directory])
        #expect(check.status == 0, "check said \(check.error)")
    }

    @Test("a damaged database stops serve and check with an error naming the file, and stays byte for byte")
    func damagedDatabaseIsRefusedAndLeftAlone() throws {
        let template = try populatedDataDirectory()
        defer { try? FileManager.default.removeItem(atPath: template) }
        let cases: [(String, (String) throws -> Void)] = [
            ("garbage header", { try scribble($0, at: 0, count: 100) }),
            ("truncated", { truncate($0, 10_000) }),
            (
                "damaged table pages",
                { path in
                    let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
                    for page in stride(from: 4096, to: size, by: 4096) {
                        try scribble(path, at: UInt64(page + 8), count: 200)
                    }
                }
            ),
        ]
        for (name, damage) in cases {
            let directory = template + "-" + name.replacingOccurrences(of: " ", with: "-")
            try FileManager.default.copyItem(atPath: template, toPath: directory)
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let database = directory + "/kalends.sqlite3"
            try damage(database)
            try expectRefusedUnchanged(directory, naming: database, name)
        }
    }

    @Test("a missing or empty database beside existing blob files is not recreated, so no blob is swept away")
    func missingDatabaseBesideBlobsIsRefused() throws {
        let template = try populatedDataDirectory()
        defer { try? FileManager.default.removeItem(atPath: template) }
        for (name, emptyFile) in [("missing", false), ("empty", true)] {
            let directory = template + "-" + name
            try FileManager.default.copyItem(atPath: template, toPath: directory)
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let database = directory + "/kalends.sqlite3"
            try FileManager.default.removeItem(atPath: database)
            if emptyFile { #expect(FileManager.default.createFile(atPath: database, contents: nil)) }
            try expectRefusedUnchanged(directory, naming: database, name + " database")
        }
    }

    @Test(
        "a read-only database file or data directory stops serve and check with an error naming it",
        .enabled(
            if: geteuid() != 0 || SmallFileSystem.isAvailable,
            "as root, read-only needs a read-only bind mount, and mounting is not allowed here"
        )
    )
    func readOnlyDatabaseIsRefused() throws {
        let template = try populatedDataDirectory()
        defer { try? FileManager.default.removeItem(atPath: template) }
        let database = template + "/kalends.sqlite3"
        // Root ignores permission bits, so there a read-only bind mount stands in for `chmod a-w`.
        try makeReadOnly(database)
        try expectRefusedUnchanged(template, naming: database, "read-only database")
        try makeWritable(database)
        try makeReadOnly(template)
        try expectRefusedUnchanged(template, naming: template, "read-only data directory")
        try makeWritable(template)
        let server = try LiveServer(users: [], dataDirectory: template)
        #expect(try server.request("GET", "/dav/home/alice/small.txt", auth: alice).text == "small")
    }

    private func makeReadOnly(_ path: String) throws {
        if geteuid() == 0 {
            #expect(shell("/bin/mount", ["--bind", path, path]))
            #expect(shell("/bin/mount", ["-o", "remount,ro,bind", path]))
        } else {
            try FileManager.default.setAttributes([.posixPermissions: 0o500], ofItemAtPath: path)
        }
    }

    private func makeWritable(_ path: String) throws {
        if geteuid() == 0 {
            #expect(shell("/bin/umount", [path]))
        } else {
            try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: path)
        }
    }

    private func shell(_ tool: String, _ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
