import Foundation

/// `wrk` against kalends and against nginx serving the same small file, in the same run, for a ratio.
enum PeerComparison {
    static func run(kalendsPort: UInt16, path: String, authorization: String, body: [UInt8], duration: Double) throws {
        guard let wrk = which("wrk") else {
            print("peer_comparison=skipped reason=wrk-not-installed")
            return
        }
        let seconds = "\(max(1, Int(duration)))s"
        let kalends = runWrk(
            wrk,
            [
                "-t2", "-c64", "-d\(seconds)", "-H", "Authorization: \(authorization)",
                "http://127.0.0.1:\(kalendsPort)\(path)",
            ]
        )
        print("wrk_kalends connections=64 requests_per_s=\(Int(kalends.rate)) p99_ms=\(kalends.p99)")
        guard let nginx = which("nginx") else {
            print("peer_comparison=partial reason=nginx-not-installed")
            return
        }
        let root = NSTemporaryDirectory() + "kalends-bench-nginx-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root + "/www", withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: root + "/www/small.txt", contents: Data(body))
        let port = 18_000 + Int.random(in: 0..<2000)
        let config = """
            worker_processes 2; daemon off; pid \(root)/nginx.pid; error_log \(root)/error.log;
            events { worker_connections 4096; }
            http { access_log off; keepalive_requests 1000000;
              client_body_temp_path \(root); proxy_temp_path \(root); fastcgi_temp_path \(root);
              uwsgi_temp_path \(root); scgi_temp_path \(root);
              server { listen 127.0.0.1:\(port); root \(root)/www; } }
            """
        try config.write(toFile: root + "/nginx.conf", atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: nginx)
        process.arguments = ["-c", root + "/nginx.conf", "-p", root]
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer {
            process.terminate()
            process.waitUntilExit()
            try? FileManager.default.removeItem(atPath: root)
        }
        usleep(500_000)
        let peer = runWrk(wrk, ["-t2", "-c64", "-d\(seconds)", "http://127.0.0.1:\(port)/small.txt"])
        print("wrk_nginx connections=64 requests_per_s=\(Int(peer.rate)) p99_ms=\(peer.p99)")
        let ratio = peer.rate > 0 ? kalends.rate / peer.rate : 0
        print("ratio_kalends_to_nginx=\(String(format: "%.2f", ratio))")
    }

    static func which(_ name: String) -> String? {
        for directory in ["/usr/bin", "/usr/sbin", "/usr/local/bin", "/usr/local/sbin"] {
            let path = directory + "/" + name
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    /// Runs wrk with `--latency` and extracts Requests/sec and the 99% latency in ms.
    static func runWrk(_ wrk: String, _ arguments: [String]) -> (rate: Double, p99: Double) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: wrk)
        process.arguments = ["--latency"] + arguments
        let output = Pipe()
        process.standardOutput = output
        try? process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        var rate = 0.0
        var p99 = 0.0
        for line in text.split(separator: "\n") {
            let words = line.split(separator: " ", omittingEmptySubsequences: true)
            if line.hasPrefix("Requests/sec:"), words.count > 1 { rate = Double(words[1]) ?? 0 }
            if words.first == "99%", words.count > 1 { p99 = milliseconds(String(words[1])) }
        }
        return (rate, p99)
    }

    private static func milliseconds(_ text: String) -> Double {
        if text.hasSuffix("us") { return (Double(text.dropLast(2)) ?? 0) / 1000 }
        if text.hasSuffix("ms") { return Double(text.dropLast(2)) ?? 0 }
        if text.hasSuffix("s") { return (Double(text.dropLast()) ?? 0) * 1000 }
        return 0
    }
}
