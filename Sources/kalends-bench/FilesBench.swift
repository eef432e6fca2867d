import Foundation

/// `kalends-bench files` (WebDAV, issue #5): PROPFIND Depth:1 over a folder of 10,000 files, COPY of a 1,000-file
/// tree, 1 GiB PUT and GET (throughput and server peak-RSS growth) and 100 KB GET req/s. With `--peers`, nginx
/// serves (and for PUT accepts) the same bytes for the transfer comparisons, alternating with kalends in the same
/// run, and Xandikos lists the same folder (``XandikosFolderPeer``); Radicale stores only calendars and address
/// books, so it has no part here.
enum FilesBench {
    static func run(arguments: [String]) throws {
        var files = 10_000
        var tree = 1000
        var gibibytes = 1.0
        var duration = 5.0
        var levels = [8]
        var rounds = 3
        var peers = false
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--files": files = Int(iterator.next() ?? "") ?? files
            case "--tree": tree = Int(iterator.next() ?? "") ?? tree
            case "--gib": gibibytes = Double(iterator.next() ?? "") ?? gibibytes
            case "--duration": duration = Double(iterator.next() ?? "") ?? duration
            case "--connections": levels = (iterator.next() ?? "").split(separator: ",").compactMap { Int($0) }
            case "--rounds": rounds = Int(iterator.next() ?? "") ?? rounds
            case "--peers": peers = true
            default: throw BenchError("unknown argument \(argument)")
            }
        }
        let server = try BenchServer()
        defer { server.stop() }
        let ours = DAVTarget.kalends(server)
        let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3)
        print(
            "suite=files files=\(files) tree=\(tree) gib=\(gibibytes) duration_s=\(duration) rounds=\(rounds) "
                + "loadavg=\(load?.joined(separator: ",") ?? "?") date=\(ISO8601DateFormatter().string(from: Date()))"
        )
        let nginx = peers ? NginxServer.start() : nil
        defer { nginx?.stop() }
        if peers { print("peer=radicale skipped reason=no-plain-webdav-files") }

        try folderListing(ours, files: files, levels: levels, duration: duration)
        if peers { XandikosFolderPeer.measureListing(files: files, connections: levels.last ?? 8, seconds: 15) }
        try treeCopy(ours, files: tree, rounds: rounds)
        try largeTransfer(server: server, ours, nginx: nginx, size: Int64(gibibytes * Double(1 << 30)), rounds: rounds)
        try smallGets(ours, nginx: nginx, duration: duration, rounds: rounds)
        DAVBench.printMemory(ours, when: "end")
    }

    static let listingBody = """
        <?xml version="1.0" encoding="utf-8"?>
        <d:propfind xmlns:d="DAV:"><d:prop><d:resourcetype/><d:getcontentlength/><d:getlastmodified/>
        <d:getetag/><d:getcontenttype/></d:prop></d:propfind>
        """

    /// MKCOL, `files` PUTs of 1 KiB over 8 connections, then PROPFIND Depth:1 on the folder at each level.
    static func folderListing(_ target: DAVTarget, files: Int, levels: [Int], duration: Double) throws {
        let folder = "/dav/home/\(BenchServer.user)/many/"
        try expect(target, target.request("MKCOL", folder), [201])
        let body = [UInt8](repeating: UInt8(ascii: "f"), count: 1024)
        let put = LoadRunner.run(port: target.port, connections: 8, count: files, accept: { $0.status == 201 }) {
            target.request("PUT", folder + "file-\($0).txt", body: body)
        }
        print("workload=put_1kib_files target=kalends \(put.fields)")
        let request = target.xmlRequest("PROPFIND", folder, depth: "1", listingBody)
        let reply = try HTTPConnection(port: target.port).send(request)
        print(
            "check target=kalends propfind_status=\(reply.status) responses=\(Multistatus.responseCount(reply.text)) "
                + "expected=\(files + 1) body_bytes=\(reply.bodyBytes)"
        )
        for connections in levels {
            let result = LoadRunner.run(
                port: target.port,
                connections: connections,
                duration: duration,
                accept: { $0.status == 207 }
            ) { _ in request }
            print("workload=propfind_depth1_files target=kalends \(result.fields)")
        }
    }

    /// A tree of `files` 1 KiB files in folders of 100, PUT over 8 connections, then `rounds` COPYs of the whole
    /// tree (Depth: infinity) to new destinations, timed one by one.
    static func treeCopy(_ target: DAVTarget, files: Int, rounds: Int) throws {
        let tree = "/dav/home/\(BenchServer.user)/tree/"
        try expect(target, target.request("MKCOL", tree), [201])
        for folder in 0..<((files + 99) / 100) {
            try expect(target, target.request("MKCOL", tree + "d\(folder)/"), [201])
        }
        let body = [UInt8](repeating: UInt8(ascii: "t"), count: 1024)
        let put = LoadRunner.run(port: target.port, connections: 8, count: files, accept: { $0.status == 201 }) {
            target.request("PUT", tree + "d\($0 / 100)/f\($0).txt", body: body)
        }
        print("workload=put_tree_files target=kalends \(put.fields)")
        let client = HTTPConnection(port: target.port)
        var seconds: [Double] = []
        for round in 0..<rounds {
            // The authority must match the request's Host header, which `HTTPRequestSpec` sends without a port.
            let destination = "http://127.0.0.1/dav/home/\(BenchServer.user)/tree-copy-\(round)/"
            let began = Date()
            let reply = try client.send(
                target.request("COPY", tree, headers: [("Destination", destination), ("Depth", "infinity")])
            )
            seconds.append(Date().timeIntervalSince(began))
            print(
                "workload=copy_tree target=kalends round=\(round) files=\(files) status=\(reply.status) "
                    + "seconds=\(String(format: "%.3f", seconds.last ?? 0))"
            )
        }
        let median = seconds.sorted()[seconds.count / 2]
        print(
            "workload=copy_tree target=kalends files=\(files) median_seconds=\(String(format: "%.3f", median)) "
                + "files_per_s=\(Int(Double(files) / median))"
        )
    }

    /// PUT of `size` bytes, then `rounds` GETs alternating with nginx's GET of a file with the same bytes (and
    /// one nginx PUT); MiB/s per transfer, medians, and kalends' peak-RSS growth over all of it.
    static func largeTransfer(server: BenchServer, _ target: DAVTarget, nginx: NginxServer?, size: Int64, rounds: Int)
        throws
    {
        let mebibytes = Double(size) / Double(1 << 20)
        let baseline = target.memoryKiB.peak
        let path = "/dav/home/\(BenchServer.user)/large.bin"
        let putSeconds = try streamPut(port: target.port, path: path, authorization: target.authorization, size: size)
        print(
            "workload=put_large target=kalends bytes=\(size) seconds=\(String(format: "%.2f", putSeconds)) "
                + "mib_per_s=\(Int(mebibytes / putSeconds)) vmhwm_growth_mib=\((target.memoryKiB.peak - baseline) / 1024)"
        )
        if let nginx {
            let seconds = try streamPut(port: nginx.port, path: "/large.bin", authorization: nil, size: size)
            print(
                "workload=put_large target=nginx bytes=\(size) seconds=\(String(format: "%.2f", seconds)) "
                    + "mib_per_s=\(Int(mebibytes / seconds))"
            )
        }
        var rates: [String: [Double]] = [:]
        for round in 0..<rounds {
            var sources = [("kalends", target.port, path, target.authorization)]
            if let nginx { sources.append(("nginx", nginx.port, "/large.bin", nil)) }
            for (name, port, file, authorization) in sources {
                let request = HTTPRequestSpec(method: "GET", path: file).bytes(authorization: authorization)
                let began = Date()
                let reply = try HTTPConnection(port: port).send(request, discardBody: true)
                let seconds = Date().timeIntervalSince(began)
                guard reply.status == 200, reply.bodyBytes == size else {
                    throw BenchError("\(name) GET answered \(reply.status) with \(reply.bodyBytes) bytes")
                }
                rates[name, default: []].append(mebibytes / seconds)
                print(
                    "workload=get_large target=\(name) round=\(round) seconds=\(String(format: "%.2f", seconds)) "
                        + "mib_per_s=\(Int(mebibytes / seconds))"
                )
            }
        }
        let ours = median(rates["kalends"] ?? [])
        let peer = median(rates["nginx"] ?? [])
        print(
            "summary workload=get_large kalends_mib_per_s=\(Int(ours)) nginx_mib_per_s=\(Int(peer)) "
                + "ratio=\(peer > 0 ? String(format: "%.2f", ours / peer) : "n/a") "
                + "kalends_vmhwm_growth_mib=\((target.memoryKiB.peak - baseline) / 1024)"
        )
    }

    /// 100 KB GET: `wrk -t2 -c8` against kalends and nginx, alternating, `rounds` times; our own client at 8
    /// connections when wrk is missing.
    static func smallGets(_ target: DAVTarget, nginx: NginxServer?, duration: Double, rounds: Int) throws {
        let body = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let path = "/dav/home/\(BenchServer.user)/100k.bin"
        try expect(target, target.request("PUT", path, body: body), [201])
        guard let wrk = PeerComparison.which("wrk") else {
            let request = target.request("GET", path)
            let result = LoadRunner.run(
                port: target.port,
                connections: 8,
                duration: duration,
                accept: { $0.status == 200 }
            ) { _ in request }
            print("workload=get_100k target=kalends client=own \(result.fields)")
            return
        }
        if let nginx { try Data(body).write(to: URL(fileURLWithPath: nginx.root + "/www/100k.bin")) }
        var rates: [String: [Double]] = [:]
        let seconds = "-d\(max(1, Int(duration)))s"
        for round in 0..<rounds {
            var runs = [
                (
                    "kalends",
                    [
                        "-t2", "-c8", seconds, "-H", "Authorization: \(target.authorization ?? "")",
                        "http://127.0.0.1:\(target.port)\(path)",
                    ]
                )
            ]
            if let nginx { runs.append(("nginx", ["-t2", "-c8", seconds, "http://127.0.0.1:\(nginx.port)/100k.bin"])) }
            for (name, arguments) in runs {
                let result = PeerComparison.runWrk(wrk, arguments)
                rates[name, default: []].append(result.rate)
                print(
                    "workload=get_100k target=\(name) client=wrk connections=8 round=\(round) "
                        + "requests_per_s=\(Int(result.rate)) p99_ms=\(result.p99)"
                )
            }
        }
        let ours = median(rates["kalends"] ?? [])
        let peer = median(rates["nginx"] ?? [])
        print(
            "summary workload=get_100k kalends_per_s=\(Int(ours)) nginx_per_s=\(Int(peer)) "
                + "ratio=\(peer > 0 ? String(format: "%.2f", ours / peer) : "n/a")"
        )
    }

    /// Streams a PUT of `size` pattern bytes (1 MiB blocks, nothing large held) and returns the seconds it took.
    static func streamPut(port: UInt16, path: String, authorization: String?, size: Int64) throws -> Double {
        let upload = try StreamSocket(port: port)
        let began = Date()
        try upload.send(
            HTTPRequestSpec(method: "PUT", path: path, headers: [("Content-Length", String(size))])
                .bytes(authorization: authorization)
        )
        var block = [UInt8](repeating: 0, count: 1 << 20)
        var sent: Int64 = 0
        while sent < size {
            let count = Int(min(Int64(block.count), size - sent))
            Pattern.fill(&block, offset: sent)
            try upload.send(Array(block[0..<count]))
            sent += Int64(count)
        }
        let status = try upload.readStatusAndSkipBody()
        guard status / 100 == 2 else { throw BenchError("PUT \(path) answered \(status)") }
        return Date().timeIntervalSince(began)
    }

    static func expect(_ target: DAVTarget, _ request: [UInt8], _ statuses: Set<Int>) throws {
        let reply = try HTTPConnection(port: target.port).send(request)
        guard statuses.contains(reply.status) else {
            throw BenchError(
                "unexpected status \(reply.status): \(String(decoding: request.prefix(80), as: UTF8.self))"
            )
        }
    }

    static func median(_ values: [Double]) -> Double {
        values.isEmpty ? 0 : values.sorted()[values.count / 2]
    }
}

/// nginx on loopback serving a temporary root, with `dav_methods PUT` for the large-PUT comparison.
final class NginxServer {
    let root: String
    let port: UInt16
    private let process: Process

    private init(root: String, port: UInt16, process: Process) {
        self.root = root
        self.port = port
        self.process = process
    }

    /// Starts nginx, or prints why not and returns nil.
    static func start() -> NginxServer? {
        guard let nginx = PeerComparison.which("nginx") else {
            print("peer=nginx skipped reason=not-installed")
            return nil
        }
        let root = NSTemporaryDirectory() + "kalends-bench-nginx-" + UUID().uuidString
        do {
            try FileManager.default.createDirectory(atPath: root + "/www", withIntermediateDirectories: true)
            // nginx's workers run unprivileged and must write the PUT body and its temporary file.
            for directory in [root, root + "/www"] {
                try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: directory)
            }
            let port = try PeerServer.freePort()
            let config = """
                worker_processes 2; daemon off; pid \(root)/nginx.pid; error_log \(root)/error.log;
                events { worker_connections 4096; }
                http { access_log off; keepalive_requests 1000000; sendfile on;
                  client_body_temp_path \(root); proxy_temp_path \(root); fastcgi_temp_path \(root);
                  uwsgi_temp_path \(root); scgi_temp_path \(root);
                  server { listen 127.0.0.1:\(port); root \(root)/www;
                    dav_methods PUT; client_max_body_size 0; } }
                """
            try config.write(toFile: root + "/nginx.conf", atomically: true, encoding: .utf8)
            let process = try PeerServer.launch(
                nginx,
                ["-c", root + "/nginx.conf", "-p", root],
                log: root + "/out.log"
            )
            try PeerServer.waitUntilListening(port: port, process: process)
            print("peer=nginx started port=\(port)")
            return NginxServer(root: root, port: port, process: process)
        } catch {
            print("peer=nginx skipped reason=\"\(error)\"")
            try? FileManager.default.removeItem(atPath: root)
            return nil
        }
    }

    func stop() {
        process.terminate()
        process.waitUntilExit()
        try? FileManager.default.removeItem(atPath: root)
    }
}
