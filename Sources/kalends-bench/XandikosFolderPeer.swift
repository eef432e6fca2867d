import Foundation

/// Xandikos serving a plain folder — a git repository of `files` 1 KiB files under its root, which it answers as
/// a WebDAV collection — for the `files` suite's PROPFIND Depth:1 comparison (issue #5 names Xandikos as the peer
/// that serves plain files). The files are committed before it starts; PUTting 10,000 of them at its write rate
/// would take minutes.
enum XandikosFolderPeer {
    /// Measures PROPFIND Depth:1 over the folder at `connections` for `seconds`; prints the check and result lines.
    static func measureListing(files: Int, connections: Int, seconds: Double) {
        let venv = PeerServer.venvs + "/venv-xandikos"
        guard FileManager.default.isExecutableFile(atPath: venv + "/bin/xandikos") else {
            print("peer=xandikos skipped reason=not-installed venv=\(venv)")
            return
        }
        let root = NSTemporaryDirectory() + "kalends-bench-xandikos-files-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: root) }
        do {
            let folder = root + "/many"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let body = Data(repeating: UInt8(ascii: "f"), count: 1024)
            for index in 0..<files {
                try body.write(to: URL(fileURLWithPath: folder + "/file-\(index).txt"))
            }
            for arguments in [["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "benchmark files"]] {
                let git = try PeerServer.launch(
                    "/usr/bin/git",
                    ["-C", folder, "-c", "user.name=bench", "-c", "user.email=bench@localhost"] + arguments,
                    log: root + "/git.log"
                )
                git.waitUntilExit()
                guard git.terminationStatus == 0 else { throw BenchError("git \(arguments[0]) failed") }
            }
            let port = try PeerServer.freePort()
            let process = try PeerServer.launch(
                venv + "/bin/xandikos",
                ["serve", "-d", root, "-l", "127.0.0.1", "-p", String(port), "--current-user-principal", "/bench/"],
                log: root + "/log"
            )
            defer {
                process.terminate()
                process.waitUntilExit()
            }
            try PeerServer.waitUntilListening(port: port, process: process)
            let target = DAVTarget(
                name: "xandikos",
                port: port,
                authorization: nil,
                calendar: "/many/",
                addressBook: "/many/",
                importCalendar: "/many/",
                importAddressBook: "/many/",
                processIdentifier: process.processIdentifier
            )
            let request = target.xmlRequest("PROPFIND", "/many/", depth: "1", FilesBench.listingBody)
            let reply = try HTTPConnection(port: port).send(request)
            print(
                "check target=xandikos propfind_status=\(reply.status) "
                    + "responses=\(Multistatus.responseCount(reply.text)) expected=\(files + 1)"
            )
            let result = LoadRunner.run(
                port: port,
                connections: connections,
                duration: seconds,
                accept: { $0.status == 207 }
            ) {
                _ in request
            }
            print("workload=propfind_depth1_files target=xandikos \(result.fields)")
        } catch {
            print("peer=xandikos skipped reason=\"\(error)\"")
        }
    }
}
