import Foundation

/// `kalends-bench crashmix`: a mixed write load (PUT, DELETE, MOVE and PROPPATCH of events, contacts and files)
/// from many connections, `kill -9` of the server at a random moment, then, for every kill: `kalends check` on
/// the crashed data directory, a restart, and a comparison of the server's state with every acknowledged write —
/// ETags, deletions, dead properties —, sync tokens that never go backwards and blob files that match the
/// references in the database exactly (no orphan, none missing).
enum CrashMixBench {
    /// What the harness knows about one resource.
    enum Expectation: Equatable {
        /// The last acknowledged write left it with this ETag (lower-cased, quoted).
        case present(String)
        /// The last acknowledged write removed it (or it never existed).
        case absent
        /// A write was in flight or failed: either state is allowed; resynchronised after the next restart.
        case unknown
    }

    /// The resources one connection owns (no other connection touches them), and what it knows about each.
    /// Unchecked: one load thread uses a worker at a time, and the main thread only after joining it.
    final class Worker: @unchecked Sendable {
        let index: Int
        let paths: [String]
        var expected: [String: Expectation] = [:]
        /// The value of the `K:mark` dead property the last acknowledged PROPPATCH set; nil when not checked.
        var mark: [String: String] = [:]
        /// Resources whose expectation an acknowledged write set since the last verification.
        var written: Set<String> = []
        var counter = 0
        var random: SystemRandomNumberGenerator

        init(index: Int, home: String, perKind: Int) {
            self.index = index
            var paths: [String] = []
            for item in 0..<perKind {
                paths.append("\(home)calendar/w\(index)-\(item).ics")
                paths.append("\(home)contacts/w\(index)-\(item).vcf")
                paths.append("\(home)files/w\(index)-\(item).bin")
            }
            self.paths = paths
            random = SystemRandomNumberGenerator()
            for path in paths { expected[path] = .absent }
        }
    }

    /// Totals over all kills.
    struct Totals {
        var operations = 0
        var acknowledged = 0
        var verified = 0
        var verifiedWrites = 0
        var lost = 0
        var resurrected = 0
        var wrongMarks = 0
        var tokenRegressions = 0
        /// Unreferenced blob files after the last restart.
        var orphanBlobs = 0
        var roundsWithOrphans = 0
        var missingBlobs = 0
        var checkFailures = 0
        var unexpected = 0
    }

    static func run(arguments: [String]) throws {
        var kills = 50
        var connections = 32
        var perKind = 4
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--kills": kills = Int(iterator.next() ?? "") ?? kills
            case "--connections": connections = Int(iterator.next() ?? "") ?? connections
            case "--resources": perKind = Int(iterator.next() ?? "") ?? perKind
            default: throw BenchError("unknown argument \(argument)")
            }
        }
        let server = try BenchServer()
        defer { server.stop() }
        let home = "/dav/home/\(BenchServer.user)/"
        let setup = try MixClient(port: server.port, authorization: server.authorization)
        guard try setup.send("MKCOL", home + "files/").status == 201 else { throw BenchError("MKCOL files/ failed") }
        let collections = ["calendar/", "contacts/", "files/"].map { home + $0 }
        let workers = (0..<connections).map { Worker(index: $0, home: home, perKind: perKind) }
        var totals = Totals()
        var highestTokens: [String: (collection: Int64, revision: Int64)] = [:]
        let started = Date()
        for kill in 0..<kills {
            let tokens = try load(server: server, workers: workers, collections: collections, totals: &totals)
            for (collection, token) in tokens {
                if let known = highestTokens[collection], known.revision > token.revision { continue }
                highestTokens[collection] = token
            }
            let check = try runCheck(server.dataDirectory)
            if check != 0 { totals.checkFailures += 1 }
            try server.start()
            let client = try MixClient(port: server.port, authorization: server.authorization)
            try verify(client: client, workers: workers, totals: &totals)
            for collection in collections {
                guard let now = try syncToken(client, collection), let before = highestTokens[collection] else {
                    continue
                }
                if now.collection != before.collection || now.revision < before.revision {
                    totals.tokenRegressions += 1
                    print("kill=\(kill) sync token of \(collection) went back: \(before) → \(now)")
                }
                highestTokens[collection] = now
            }
            let blobs = try blobConsistency(server.dataDirectory)
            if blobs.orphans > 0 { totals.roundsWithOrphans += 1 }
            totals.orphanBlobs = blobs.orphans
            totals.missingBlobs += blobs.missing
            print(
                "kill=\(kill) operations=\(totals.operations) acknowledged=\(totals.acknowledged) "
                    + "verified_writes=\(totals.verifiedWrites) verified_states=\(totals.verified) lost=\(totals.lost) "
                    + "resurrected=\(totals.resurrected) "
                    + "check_status=\(check) orphan_blobs=\(blobs.orphans) missing_blobs=\(blobs.missing)"
            )
        }
        print(
            "suite=crashmix kills=\(kills) connections=\(connections) operations=\(totals.operations) "
                + "acknowledged_writes=\(totals.acknowledged) verified_writes=\(totals.verifiedWrites) "
                + "verified_states=\(totals.verified) lost=\(totals.lost) "
                + "resurrected_deletes=\(totals.resurrected) wrong_properties=\(totals.wrongMarks) "
                + "token_regressions=\(totals.tokenRegressions) rounds_with_orphan_blobs=\(totals.roundsWithOrphans) "
                + "orphan_blobs_at_end=\(totals.orphanBlobs) "
                + "missing_blobs=\(totals.missingBlobs) check_failures=\(totals.checkFailures) "
                + "unexpected_statuses=\(totals.unexpected) seconds=\(Int(Date().timeIntervalSince(started)))"
        )
        let failed =
            totals.lost + totals.resurrected + totals.wrongMarks + totals.tokenRegressions + totals.roundsWithOrphans
            + totals.missingBlobs + totals.checkFailures
        if failed > 0 {
            print("crash consistency violated: \(failed) problems")
            exit(1)
        }
    }

    // MARK: - Load

    /// Runs the workers until the server is killed at a random moment; returns the highest sync token seen per
    /// collection while the load ran.
    private static func load(server: BenchServer, workers: [Worker], collections: [String], totals: inout Totals)
        throws -> [String: (collection: Int64, revision: Int64)]
    {
        let lock = NSLock()
        nonisolated(unsafe) var operations = 0
        nonisolated(unsafe) var acknowledged = 0
        nonisolated(unsafe) var unexpected = 0
        nonisolated(unsafe) var tokens: [String: (collection: Int64, revision: Int64)] = [:]
        nonisolated(unsafe) var running = true
        let group = DispatchGroup()
        let port = server.port
        let authorization = server.authorization
        for worker in workers {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                guard let client = try? MixClient(port: port, authorization: authorization) else { return }
                while lock.withLock({ running }) {
                    let outcome = step(worker, client)
                    lock.withLock {
                        operations += 1
                        if outcome == .acknowledged { acknowledged += 1 }
                        if outcome == .unexpected { unexpected += 1 }
                    }
                    if outcome == .failed { return }
                }
            }
        }
        group.enter()
        Thread.detachNewThread {
            defer { group.leave() }
            guard let client = try? MixClient(port: port, authorization: authorization) else { return }
            while lock.withLock({ running }) {
                for collection in collections {
                    guard let token = try? syncToken(client, collection) else { return }
                    lock.withLock { tokens[collection] = token }
                }
                usleep(5_000)
            }
        }
        usleep(UInt32.random(in: 150_000...1_500_000))
        server.kill()
        lock.withLock { running = false }
        group.wait()
        lock.withLock {
            totals.operations += operations
            totals.acknowledged += acknowledged
            totals.unexpected += unexpected
        }
        return lock.withLock { tokens }
    }

    enum StepOutcome { case acknowledged, refused, unexpected, failed }

    /// One random operation on one of the worker's resources; updates the worker's expectations.
    private static func step(_ worker: Worker, _ client: MixClient) -> StepOutcome {
        let path = worker.paths.randomElement(using: &worker.random) ?? worker.paths[0]
        let roll = Int.random(in: 0..<100, using: &worker.random)
        worker.counter += 1
        let previous = worker.expected[path] ?? .unknown
        worker.expected[path] = .unknown
        do {
            switch roll {
            case 0..<45:
                let response = try client.send(
                    "PUT",
                    path,
                    headers: ["Content-Type: \(contentType(path))"],
                    body: content(path, worker: worker)
                )
                guard [200, 201, 204].contains(response.status), let etag = response.header("etag") else {
                    return .unexpected
                }
                worker.expected[path] = .present(etag)
                worker.written.insert(path)
                worker.mark[path] = nil
            case 45..<60:
                let response = try client.send("DELETE", path)
                guard response.status == 204 || (response.status == 404 && !isPresent(previous)) else {
                    return .unexpected
                }
                worker.expected[path] = .absent
                if response.status == 204 { worker.written.insert(path) }
                worker.mark[path] = nil
            case 60..<75:
                let siblings = worker.paths.filter { $0 != path && sameCollection($0, path) }
                guard let destination = siblings.randomElement(using: &worker.random) else {
                    worker.expected[path] = previous
                    return .refused
                }
                let destinationBefore = worker.expected[destination] ?? .unknown
                worker.expected[destination] = .unknown
                let response = try client.send(
                    "MOVE",
                    path,
                    headers: ["Destination: http://127.0.0.1\(destination)", "Overwrite: T"]
                )
                if response.status == 404, !isPresent(previous) {
                    worker.expected[path] = .absent
                    worker.expected[destination] = destinationBefore
                    return .refused
                }
                guard [201, 204].contains(response.status) else { return .unexpected }
                worker.expected[destination] = previous
                worker.expected[path] = .absent
                worker.written.formUnion([path, destination])
                worker.mark[destination] = worker.mark[path]
                worker.mark[path] = nil
            case 75..<90:
                let value = "m\(worker.index)-\(worker.counter)"
                let response = try client.send(
                    "PROPPATCH",
                    path,
                    body: Array(
                        """
                        <D:propertyupdate xmlns:D="DAV:" xmlns:K="urn:kalends:crash"><D:set><D:prop>\
                        <K:mark>\(value)</K:mark></D:prop></D:set></D:propertyupdate>
                        """.utf8
                    )
                )
                worker.expected[path] = response.status == 404 && !isPresent(previous) ? .absent : previous
                if response.status == 404, !isPresent(previous) { return .refused }
                guard response.status == 207, response.text.contains("200 OK") else {
                    worker.mark[path] = nil
                    return .unexpected
                }
                worker.mark[path] = value
                worker.written.insert(path)
            default:
                let response = try client.send("HEAD", path)
                worker.expected[path] = previous
                if case .present(let etag) = previous, response.status != 200 || response.header("etag") != etag {
                    return .unexpected
                }
                return .refused
            }
            return .acknowledged
        } catch {
            return .failed
        }
    }

    private static func isPresent(_ expectation: Expectation) -> Bool {
        if case .present = expectation { return true }
        return false
    }

    private static func sameCollection(_ lhs: String, _ rhs: String) -> Bool {
        lhs.split(separator: "/").dropLast() == rhs.split(separator: "/").dropLast()
    }

    private static func contentType(_ path: String) -> String {
        if path.hasSuffix(".ics") { return "text/calendar" }
        if path.hasSuffix(".vcf") { return "text/vcard" }
        return "application/octet-stream"
    }

    /// A fresh body for `path`: a unique UID for events and contacts; files alternate between inline-sized and
    /// blob-sized (over the store's 64 KiB inline limit).
    private static func content(_ path: String, worker: Worker) -> [UInt8] {
        let uid = "w\(worker.index)-\(worker.counter)-\(UInt32.random(in: 0...UInt32.max, using: &worker.random))"
        if path.hasSuffix(".ics") {
            return Array(
                """
                BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//kalends-bench//EN\r\nBEGIN:VEVENT\r\nUID:\(uid)\r\n\
                DTSTAMP:20260101T000000Z\r\nDTSTART:20260105T100000Z\r\nDURATION:PT1H\r\nSUMMARY:Crash \(uid)\r\n\
                END:VEVENT\r\nEND:VCALENDAR\r\n
                """.utf8
            )
        }
        if path.hasSuffix(".vcf") {
            return Array("BEGIN:VCARD\r\nVERSION:4.0\r\nUID:\(uid)\r\nFN:Crash \(uid)\r\nEND:VCARD\r\n".utf8)
        }
        let size = Bool.random(using: &worker.random) ? 512 : Int.random(in: 70_000...160_000, using: &worker.random)
        var bytes = [UInt8](repeating: 0, count: size)
        let stamp = Array(uid.utf8)
        for index in 0..<size { bytes[index] = stamp[index % stamp.count] &+ UInt8(truncatingIfNeeded: index >> 8) }
        return bytes
    }

    // MARK: - Verification

    /// Compares every resource with its expectation; resynchronises unknown ones from what the server has.
    private static func verify(client: MixClient, workers: [Worker], totals: inout Totals) throws {
        defer { for worker in workers { worker.written.removeAll() } }
        for worker in workers {
            for path in worker.paths {
                let response = try client.send("HEAD", path)
                let observed: Expectation =
                    response.status == 200 ? .present(response.header("etag") ?? "") : .absent
                let expectation = worker.expected[path] ?? .unknown
                if expectation != .unknown, worker.written.contains(path) { totals.verifiedWrites += 1 }
                switch expectation {
                case .present(let etag):
                    totals.verified += 1
                    if observed != .present(etag) {
                        totals.lost += 1
                        print("lost: \(path) expected ETag \(etag), found \(observed)")
                    }
                case .absent:
                    totals.verified += 1
                    if observed != .absent {
                        totals.resurrected += 1
                        print("resurrected: \(path) should be absent, found \(observed)")
                    }
                case .unknown:
                    worker.mark[path] = nil
                }
                worker.expected[path] = observed
                if let mark = worker.mark[path], observed != .absent {
                    totals.verified += 1
                    let properties = try client.send(
                        "PROPFIND",
                        path,
                        headers: ["Depth: 0"],
                        body: Array(
                            #"<D:propfind xmlns:D="DAV:" xmlns:K="urn:kalends:crash"><D:prop><K:mark/></D:prop></D:propfind>"#
                                .utf8
                        )
                    )
                    if !properties.text.contains(">\(mark)</") {
                        totals.wrongMarks += 1
                        print("property: \(path) expected mark \(mark): \(properties.text)")
                    }
                }
            }
        }
    }

    /// The collection's current sync token, parsed from `<D:sync-token>http://kalends.org/ns/sync/C-R</…>`.
    private static func syncToken(_ client: MixClient, _ collection: String) throws -> (
        collection: Int64, revision: Int64
    )? {
        let response = try client.send(
            "PROPFIND",
            collection,
            headers: ["Depth: 0"],
            body: Array(#"<D:propfind xmlns:D="DAV:"><D:prop><D:sync-token/></D:prop></D:propfind>"#.utf8)
        )
        let text = response.text
        guard let start = text.range(of: "http://kalends.org/ns/sync/"),
            let end = text[start.upperBound...].firstIndex(of: "<")
        else { return nil }
        let parts = text[start.upperBound..<end].split(separator: "-")
        guard parts.count == 2, let collection = Int64(parts[0]), let revision = Int64(parts[1]) else { return nil }
        return (collection, revision)
    }

    /// `kalends check` on the data directory as the crash left it (before the restart); its exit status.
    private static func runCheck(_ directory: String) throws -> Int32 {
        let check = Process()
        check.executableURL = URL(fileURLWithPath: BenchServer.binary)
        check.arguments = ["check", "--data", directory]
        let output = Pipe()
        check.standardOutput = output
        check.standardError = output
        try check.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        check.waitUntilExit()
        if check.terminationStatus != 0 { print("kalends check failed: \(text)") }
        return check.terminationStatus
    }

    /// Blob files without a referencing node (orphans) and references without a file (missing), from the blob
    /// directory and the database (read with the `sqlite3` shell, which must be installed).
    private static func blobConsistency(_ directory: String) throws -> (orphans: Int, missing: Int) {
        let query = Process()
        query.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        query.arguments = [
            "-readonly", directory + "/kalends.sqlite3",
            "SELECT DISTINCT blob_hash FROM nodes WHERE blob_hash IS NOT NULL",
        ]
        let output = Pipe()
        query.standardOutput = output
        try query.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        query.waitUntilExit()
        guard query.terminationStatus == 0 else { throw BenchError("sqlite3 failed on \(directory)") }
        let referenced = Set(text.split(separator: "\n").map(String.init))
        var files: Set<String> = []
        let root = directory + "/blobs"
        for prefix in (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [] where prefix != "tmp" {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: root + "/" + prefix)) ?? [] {
                files.insert(name)
            }
        }
        return (files.subtracting(referenced).count, referenced.subtracting(files).count)
    }
}
