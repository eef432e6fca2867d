import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A small tmpfs mounted for one test, so the data directory can run out of space. Mounting needs root (or
/// `CAP_SYS_ADMIN`); where it is not allowed the tests are skipped.
struct SmallFileSystem {
    /// The mount point.
    let path: String

    /// Mounts a fresh tmpfs of `megabytes` at a new temporary directory.
    init(megabytes: Int) throws {
        path = NSTemporaryDirectory() + "kalends-small-fs-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        guard Self.run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(megabytes)m", "tmpfs", path]) else {
            try? FileManager.default.removeItem(atPath: path)
            throw SmallFileSystemError.mountRefused
        }
    }

    /// Unmounts it and removes the mount point.
    func unmount() {
        _ = Self.run("/bin/umount", [path])
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Shrinks the file `name` by `bytes`, freeing that much space.
    func free(_ bytes: Int, of name: String) {
        let file = path + "/" + name
        let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
        truncate(file, off_t(max(0, size - bytes)))
    }

    /// Fills the free space with `name` (64 KiB writes until one fails); returns the bytes written.
    @discardableResult
    func fill(_ name: String) -> Int {
        let file = open(path + "/" + name, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        defer { close(file) }
        let chunk = [UInt8](repeating: 0x46, count: 64 * 1024)
        var total = 0
        var size = chunk.count
        while size > 0 {
            let written = chunk.withUnsafeBytes { write(file, $0.baseAddress, size) }
            if written > 0 {
                total += written
            } else {
                size /= 2
            }
        }
        return total
    }

    /// Whether this process may mount a tmpfs here.
    static let isAvailable: Bool = {
        guard let probe = try? SmallFileSystem(megabytes: 1) else { return false }
        probe.unmount()
        return true
    }()

    private static func run(_ tool: String, _ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}

/// Why a small file system could not be made.
enum SmallFileSystemError: Error {
    /// `mount -t tmpfs` failed (not root, or no `CAP_SYS_ADMIN` in this sandbox).
    case mountRefused
}

/// The data directory on a full file system: writes fail with 507 and a log line, reads keep working, nothing is
/// half-written, and writes work again once space returns.
@Suite(
    "Disk full end to end",
    .serialized,
    .enabled(if: SmallFileSystem.isAvailable, "needs `mount -t tmpfs` (root or CAP_SYS_ADMIN) to make a small disk")
)
struct DiskFullEndToEndTests {
    let alice = LiveServer.basic("alice", "alice-password")

    /// Blob files, temporaries included, relative to the data directory.
    private func blobFiles(_ dataDirectory: String) -> Set<String> {
        let root = dataDirectory + "/blobs"
        var files: Set<String> = []
        let enumerator = FileManager.default.enumerator(atPath: root)
        while let name = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + name, isDirectory: &isDirectory),
                !isDirectory.boolValue
            {
                files.insert(name)
            }
        }
        return files
    }

    private func event(_ uid: String) -> String {
        [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", "BEGIN:VEVENT", "UID:\(uid)",
            "DTSTAMP:20260101T000000Z", "DTSTART:20260105T100000Z", "DURATION:PT1H", "SUMMARY:\(uid)", "END:VEVENT",
            "END:VCALENDAR", "",
        ].joined(separator: "\r\n")
    }

    @Test(
        "on a full disk writes get 507 and a log line, reads work, nothing is half-written, and space coming back heals"
    )
    func fullDiskRefusesWritesAndRecovers() throws {
        let disk = try SmallFileSystem(megabytes: 16)
        defer { disk.unmount() }
        let server = try LiveServer(dataDirectory: disk.path + "/data")
        defer { server.stop() }
        let blob = String(repeating: "b", count: 200_000)
        #expect(try server.request("PUT", "/dav/home/alice/before-blob.bin", auth: alice, body: blob).status == 201)
        #expect(try server.request("PUT", "/dav/home/alice/before.txt", auth: alice, body: "before").status == 201)
        let calendarPath = "/dav/home/alice/calendar/before.ics"
        let beforeEvent = event("before")
        #expect(try server.request("PUT", calendarPath, auth: alice, body: beforeEvent).status == 201)
        let blobsBefore = blobFiles(server.dataDirectory)

        disk.fill("filler")
        // A blob body (over the 64 KiB inline limit) goes to a file first.
        let blobWrite = try server.request("PUT", "/dav/home/alice/full-blob.bin", auth: alice, body: blob)
        #expect(blobWrite.status == 507)
        #expect(blobWrite.text.contains("quota-not-exceeded"))
        // Small bodies go into SQLite; its WAL may still have room for a few, so write until the database is full.
        var statuses: [Int] = []
        for index in 0..<400 {
            let status = try server.request(
                "PUT",
                "/dav/home/alice/full-\(index).txt",
                auth: alice,
                body: String(repeating: "i", count: 4000)
            ).status
            statuses.append(status)
            if status != 201 { break }
        }
        let eventWrite = try server.request(
            "PUT",
            "/dav/home/alice/calendar/full.ics",
            auth: alice,
            body: event("full")
        )
        print(
            "disk full: inline PUT statuses \(Dictionary(grouping: statuses, by: { $0 }).mapValues(\.count)), event PUT \(eventWrite.status)"
        )
        #expect(statuses.last == 507)
        #expect(statuses.allSatisfy { $0 == 201 || $0 == 507 })
        #expect(eventWrite.status == 507 || eventWrite.status == 201)
        let logLines = server.log(containing: "(disk full)").split(separator: "\n").filter {
            $0.contains("storage failure")
        }
        print("disk full: log \(logLines.first ?? "none")")
        #expect(logLines.contains { $0.contains("(disk full)") })

        // Reads keep working.
        #expect(try server.request("GET", "/dav/home/alice/before-blob.bin", auth: alice).text == blob)
        #expect(try server.request("GET", "/dav/home/alice/before.txt", auth: alice).text == "before")
        #expect(try server.request("GET", calendarPath, auth: alice).text == beforeEvent)
        #expect(try server.request("PROPFIND", "/dav/home/alice/", auth: alice, headers: ["Depth: 1"]).status == 207)
        // The failed blob write left neither a resource nor a file.
        #expect(try server.request("GET", "/dav/home/alice/full-blob.bin", auth: alice).status == 404)
        #expect(blobFiles(server.dataDirectory) == blobsBefore)

        // Space returns: writes work again without a restart.
        try FileManager.default.removeItem(atPath: disk.path + "/filler")
        #expect(try server.request("PUT", "/dav/home/alice/after-blob.bin", auth: alice, body: blob).status == 201)
        #expect(try server.request("PUT", "/dav/home/alice/after.txt", auth: alice, body: "after").status == 201)
        #expect(
            try server.request("PUT", "/dav/home/alice/calendar/after.ics", auth: alice, body: event("after")).status
                == 201
        )
        #expect(try server.request("GET", "/dav/home/alice/after-blob.bin", auth: alice).text == blob)
        #expect(server.stop() == 0)
        let check = try LiveServer.run(["check", "--data", server.dataDirectory])
        #expect(check.status == 0, "\(check.output)\(check.error)")
    }

    @Test("a blob write that runs out of space at any point leaves neither a resource nor a file behind")
    func blobWritesAtEveryFreeSpaceLeaveNothingHalfWritten() throws {
        let disk = try SmallFileSystem(megabytes: 16)
        defer { disk.unmount() }
        let server = try LiveServer(dataDirectory: disk.path + "/data")
        defer { server.stop() }
        var outcomes: [Int: Int] = [:]
        for (index, kilobytes) in stride(from: 180, through: 260, by: 4).enumerated() {
            disk.fill("filler-\(index)")
            disk.free(kilobytes * 1024, of: "filler-\(index)")
            let body = String(index) + String(repeating: "b", count: 200_000)
            let path = "/dav/home/alice/blob-\(index).bin"
            let status = try server.request("PUT", path, auth: alice, body: body).status
            outcomes[kilobytes] = status
            #expect(status == 201 || status == 507, "\(kilobytes) KiB free")
            let read = try server.request("GET", path, auth: alice)
            #expect(status == 201 ? read.text == body : read.status == 404, "\(kilobytes) KiB free")
            try FileManager.default.removeItem(atPath: disk.path + "/filler-\(index)")
        }
        print("blob PUT of 200 KB by free space (KiB): \(outcomes.sorted { $0.key < $1.key })")
        #expect(outcomes.values.contains(507))
        #expect(outcomes.values.contains(201))
        #expect(server.stop() == 0)
        let check = try LiveServer.run(["check", "--data", server.dataDirectory])
        #expect(check.status == 0, "\(check.output)\(check.error)")
        #expect(
            blobFiles(server.dataDirectory).filter { !$0.hasPrefix("tmp/") }.count
                == outcomes.values.filter { $0 == 201 }.count
        )
    }
}
