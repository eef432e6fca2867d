import Foundation
import TestSupport
import Testing

/// Tests that start the real `kalends` binary and talk to it over real sockets.
@Suite("kalends daemon end to end", .serialized)
struct DaemonEndToEndTests {
    let alice = LiveServer.basic("alice", "alice-password")

    private func request(
        _ server: LiveServer,
        _ method: String,
        _ path: String,
        auth: String? = nil,
        headers: [String] = [],
        body: [UInt8] = []
    ) throws -> RawResponse {
        let client = try RawHTTPClient(port: server.port)
        var head = "\(method) \(path) HTTP/1.1\r\nHost: localhost\r\n"
        if let auth { head += "Authorization: \(auth)\r\n" }
        for header in headers { head += header + "\r\n" }
        if !body.isEmpty || method == "PUT" { head += "Content-Length: \(body.count)\r\n" }
        try client.send(Array((head + "\r\n").utf8) + body)
        return try client.readResponse(bodyless: method == "HEAD")
    }

    @Test("anonymous requests get 401 except /health and the RFC 6764 well-known redirects")
    func anonymousAccess() throws {
        let server = try LiveServer()
        let denied = try request(server, "GET", "/dav/home/alice/")
        #expect(denied.status == 401)
        #expect(denied.header("www-authenticate")?.hasPrefix("Basic realm=") == true)
        #expect(try request(server, "GET", "/health").status == 200)
        let wellKnown = try request(server, "GET", "/.well-known/caldav")
        #expect(wellKnown.status == 301)
        #expect(wellKnown.header("location") == "/dav/")
        #expect(try request(server, "GET", "/", auth: LiveServer.basic("alice", "wrong")).status == 401)
    }

    @Test("a new user's home lists the default calendar and address book")
    func homeListing() throws {
        let server = try LiveServer()
        let response = try request(server, "GET", "/dav/home/alice/", auth: alice)
        #expect(response.status == 200)
        #expect(response.text.contains("calendar/"))
        #expect(response.text.contains("contacts/"))
        let options = try request(server, "OPTIONS", "/dav/home/alice/", auth: alice)
        #expect(options.header("dav")?.contains("1") == true)
        #expect(options.header("allow")?.contains("PUT") == true)
    }

    @Test("PUT, GET, conditional requests, HEAD, ranges and DELETE on a file")
    func fileLifecycle() throws {
        let server = try LiveServer()
        let body = Array("Hello, Kalends!\n".utf8)
        let created = try request(server, "PUT", "/dav/home/alice/notes.txt", auth: alice, body: body)
        #expect(created.status == 201)
        let etag = try #require(created.header("etag"))
        let fetched = try request(server, "GET", "/dav/home/alice/notes.txt", auth: alice)
        #expect(fetched.status == 200)
        #expect(fetched.body == body)
        #expect(fetched.header("etag") == etag)
        #expect(fetched.header("content-type")?.hasPrefix("text/plain") == true)
        #expect(
            try request(server, "GET", "/dav/home/alice/notes.txt", auth: alice, headers: ["If-None-Match: \(etag)"])
                .status == 304
        )
        #expect(
            try request(
                server,
                "PUT",
                "/dav/home/alice/notes.txt",
                auth: alice,
                headers: ["If-None-Match: *"],
                body: body
            ).status == 412
        )
        #expect(
            try request(
                server,
                "PUT",
                "/dav/home/alice/notes.txt",
                auth: alice,
                headers: ["If-Match: \"stale\""],
                body: body
            ).status == 412
        )
        let replaced = try request(
            server,
            "PUT",
            "/dav/home/alice/notes.txt",
            auth: alice,
            headers: ["If-Match: \(etag)"],
            body: Array("v2".utf8)
        )
        #expect(replaced.status == 204)
        #expect(replaced.header("etag") != etag)
        let head = try request(server, "HEAD", "/dav/home/alice/notes.txt", auth: alice)
        #expect(head.header("content-length") == "2")
        let range = try request(server, "GET", "/dav/home/alice/notes.txt", auth: alice, headers: ["Range: bytes=1-"])
        #expect(range.status == 206)
        #expect(range.text == "2")
        #expect(range.header("content-range") == "bytes 1-1/2")
        #expect(try request(server, "DELETE", "/dav/home/alice/notes.txt", auth: alice).status == 204)
        #expect(try request(server, "GET", "/dav/home/alice/notes.txt", auth: alice).status == 404)
    }

    @Test("MKCOL creates folders; a missing parent is 409, an existing target 405")
    func collections() throws {
        let server = try LiveServer()
        #expect(try request(server, "PUT", "/dav/home/alice/missing/file.txt", auth: alice, body: [1]).status == 409)
        #expect(try request(server, "MKCOL", "/dav/home/alice/docs/", auth: alice).status == 201)
        #expect(try request(server, "MKCOL", "/dav/home/alice/docs/", auth: alice).status == 405)
        #expect(try request(server, "MKCOL", "/dav/home/alice/a/b/", auth: alice).status == 409)
        #expect(try request(server, "PUT", "/dav/home/alice/docs/file.txt", auth: alice, body: [1, 2]).status == 201)
        #expect(try request(server, "DELETE", "/dav/home/alice/docs/", auth: alice).status == 204)
        #expect(try request(server, "GET", "/dav/home/alice/docs/file.txt", auth: alice).status == 404)
    }

    @Test("a user cannot reach another user's home, nor escape with dot segments")
    func isolation() throws {
        let server = try LiveServer(users: [("alice", "alice-password"), ("bob", "bob-password")])
        let bob = LiveServer.basic("bob", "bob-password")
        #expect(try request(server, "PUT", "/dav/home/alice/secret.txt", auth: alice, body: [7]).status == 201)
        #expect(try request(server, "GET", "/dav/home/alice/secret.txt", auth: bob).status == 403)
        #expect(try request(server, "PUT", "/dav/home/alice/evil.txt", auth: bob, body: [1]).status == 403)
        #expect(try request(server, "DELETE", "/dav/home/alice/secret.txt", auth: bob).status == 403)
        #expect(try request(server, "GET", "/dav/home/bob/../alice/secret.txt", auth: bob).status == 400)
        #expect(try request(server, "GET", "/dav/home/bob/%2e%2e/alice/secret.txt", auth: bob).status == 400)
        #expect(try request(server, "GET", "/dav/home/bob/a%2fb", auth: bob).status == 400)
    }

    @Test("an 8 MiB chunked upload streams to a blob and reads back byte-identical")
    func largeChunkedUpload() throws {
        let server = try LiveServer()
        let client = try RawHTTPClient(port: server.port)
        try client.send(
            "PUT /dav/home/alice/big.bin HTTP/1.1\r\nHost: x\r\nAuthorization: \(alice)\r\nTransfer-Encoding: chunked\r\n\r\n"
        )
        var expected: [UInt8] = []
        for index in 0..<8 {
            let chunk = [UInt8](repeating: UInt8(index * 31 & 0xFF), count: 1 << 20) + Array("chunk \(index)".utf8)
            expected += chunk
            try client.send(Array((String(chunk.count, radix: 16) + "\r\n").utf8) + chunk + [13, 10])
        }
        try client.send("0\r\n\r\n")
        #expect(try client.readResponse().status == 201)
        let fetched = try request(server, "GET", "/dav/home/alice/big.bin", auth: alice)
        #expect(fetched.body.count == expected.count)
        #expect(fetched.body == expected)
    }

    @Test("repeated wrong passwords from one address are throttled with 429")
    func throttling() throws {
        let server = try LiveServer()
        let wrong = LiveServer.basic("alice", "nope")
        var statuses: [Int] = []
        for _ in 0..<8 { statuses.append(try request(server, "GET", "/dav/home/alice/", auth: wrong).status) }
        #expect(statuses.prefix(5).allSatisfy { $0 == 401 })
        #expect(statuses.last == 429)
    }

    @Test("SIGTERM stops the server cleanly; check and backup report a consistent store")
    func shutdownCheckBackup() throws {
        let server = try LiveServer()
        #expect(try request(server, "PUT", "/dav/home/alice/a.txt", auth: alice, body: Array("a".utf8)).status == 201)
        #expect(server.stop() == 0)
        let check = try LiveServer.run(["check", "--data", server.dataDirectory])
        #expect(check.status == 0, "\(check.output)\(check.error)")
        let backupDirectory = server.dataDirectory + "-backup"
        defer { try? FileManager.default.removeItem(atPath: backupDirectory) }
        #expect(try LiveServer.run(["backup", backupDirectory, "--data", server.dataDirectory]).status == 0)
        #expect(try LiveServer.run(["check", "--data", backupDirectory]).status == 0)
        let users = try LiveServer.run(["user", "list", "--data", backupDirectory])
        #expect(users.output.contains("alice"))
    }

    @Test("a bad configuration value fails at start with a message naming the key")
    func badConfiguration() throws {
        let result = try LiveServer.run([
            "serve", "--data", NSTemporaryDirectory() + "kalends-bad", "--set", "server.workers=many",
        ])
        #expect(result.status != 0)
        #expect((result.output + result.error).contains("server.workers"))
        let listen = try LiveServer.run(["serve", "--listen", "nonsense"])
        #expect(listen.status != 0)
        #expect((listen.output + listen.error).contains("server.listen"))
    }

    @Test("an htpasswd file can be the user directory (sha512-crypt hash from Python's crypt)")
    func htpasswdBackend() throws {
        let file = NSTemporaryDirectory() + "kalends-htpasswd-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: file) }
        let hash =
            "$6$wkBNcwuB7slKkLiL$kDNjjAiQZvSunjkNZ/OHdpXp4Q6u8Bc/k1nE80pq3s.kCu8vEjbFMu1CWaE96juQ700KqfzDoJ6HVNh9ALxoL."
        try "# comment\ncarol:\(hash)\n".write(toFile: file, atomically: true, encoding: .utf8)
        let server = try LiveServer(
            users: [],
            extraArguments: ["--set", "auth.backend=htpasswd", "--set", "auth.htpasswd_file=\(file)"]
        )
        let carol = LiveServer.basic("carol", "secret")
        #expect(try request(server, "GET", "/dav/home/carol/", auth: carol).status == 200)
        #expect(try request(server, "PUT", "/dav/home/carol/x.txt", auth: carol, body: [1]).status == 201)
        #expect(try request(server, "GET", "/dav/home/carol/", auth: LiveServer.basic("carol", "wrong")).status == 401)
    }

    @Test("several listen addresses, IPv4 and IPv6, serve at once")
    func severalListeners() throws {
        let server = try LiveServer(extraArguments: ["--listen", "[::1]:0"])
        let log = server.log
        let range = try #require(log.range(of: "listening on http://[::1]:"))
        let port = try #require(UInt16(log[range.upperBound...].prefix { $0.isNumber }))
        let client = try RawHTTPClient(host: "::1", port: port)
        try client.send("GET /dav/home/alice/ HTTP/1.1\r\nHost: x\r\nAuthorization: \(alice)\r\n\r\n")
        #expect(try client.readResponse().status == 200)
        #expect(try request(server, "GET", "/health").status == 200)
    }

    @Test("kill -9 during a burst of concurrent PUTs loses none that were acknowledged")
    func crashDuringWrites() throws {
        let server = try LiveServer()
        let acknowledged = NSLock()
        nonisolated(unsafe) var stored: [String: String] = [:]
        let group = DispatchGroup()
        let port = server.port
        let auth = alice
        for worker in 0..<8 {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                for index in 0..<60 {
                    let name = "w\(worker)-\(index).txt"
                    guard let client = try? RawHTTPClient(port: port, timeout: 5) else { return }
                    let body = "payload \(worker) \(index)"
                    guard
                        (try? client.send(
                            "PUT /dav/home/alice/\(name) HTTP/1.1\r\nHost: x\r\nAuthorization: \(auth)\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
                        )) != nil,
                        let response = try? client.readResponse(), response.status == 201,
                        let etag = response.header("etag")
                    else { return }
                    acknowledged.withLock { stored[name] = etag }
                }
            }
        }
        usleep(300_000)
        server.kill()
        group.wait()
        try server.start()
        let snapshot = acknowledged.withLock { stored }
        #expect(!snapshot.isEmpty)
        for (name, etag) in snapshot {
            let response = try request(server, "HEAD", "/dav/home/alice/\(name)", auth: alice)
            #expect(response.status == 200, "\(name) was acknowledged but is missing")
            #expect(response.header("etag") == etag)
        }
        server.stop()
        #expect(try LiveServer.run(["check", "--data", server.dataDirectory]).status == 0)
    }
}
