import Foundation
import TestSupport
import Testing

/// WebDAV class 2 against the real binary: locks over real sockets, persisted in the store.
@Suite("WebDAV locks end to end (RFC 4918 §6, §7, §9.10, §9.11)", .serialized)
struct LockEndToEndTests {
    let alice = LiveServer.basic("alice", "alice-password")
    let bob = LiveServer.basic("bob", "bob-password")

    private func request(
        _ server: LiveServer,
        _ method: String,
        _ path: String,
        auth: String? = nil,
        headers: [String] = [],
        body: String = ""
    ) throws -> RawResponse {
        let client = try RawHTTPClient(port: server.port)
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(server.port)\r\nAuthorization: \(auth ?? alice)\r\n"
        for header in headers { head += header + "\r\n" }
        head += "Content-Length: \(body.utf8.count)\r\n\r\n"
        try client.send(head + body)
        return try client.readResponse()
    }

    private static func lockInfo(_ scope: String) -> String {
        #"<?xml version="1.0"?><D:lockinfo xmlns:D="DAV:"><D:lockscope><D:\#(scope)/></D:lockscope>"#
            + #"<D:locktype><D:write/></D:locktype><D:owner>e2e</D:owner></D:lockinfo>"#
    }

    /// Takes a lock; returns the response and the token from `Lock-Token` (empty if none).
    private func lock(
        _ server: LiveServer,
        _ path: String,
        scope: String = "exclusive",
        depth: String = "0",
        auth: String? = nil
    ) throws -> (response: RawResponse, token: String) {
        let response = try request(
            server,
            "LOCK",
            path,
            auth: auth,
            headers: ["Depth: \(depth)", "Timeout: Second-600", "Content-Type: application/xml"],
            body: Self.lockInfo(scope)
        )
        let token = response.header("lock-token").map { String($0.dropFirst().dropLast()) } ?? ""
        return (response, token)
    }

    @Test("OPTIONS advertises classes 1, 2 and 3 and allows LOCK and UNLOCK")
    func options() throws {
        let server = try LiveServer()
        let response = try request(server, "OPTIONS", "/dav/home/alice/")
        #expect(response.header("dav")?.hasPrefix("1, 2, 3") == true)
        #expect(response.header("allow")?.contains("LOCK") == true)
        #expect(response.header("allow")?.contains("UNLOCK") == true)
    }

    @Test("§7.3 davfs2 flow: LOCK a missing URL (201, empty resource), PUT needs the token, UNLOCK frees it")
    func lockMissingThenPut() throws {
        let server = try LiveServer()
        let path = "/dav/home/alice/new.txt"
        let (locked, token) = try lock(server, path)
        #expect(locked.status == 201)
        #expect(token.hasPrefix("urn:uuid:"))
        #expect(locked.text.contains("<D:locktoken><D:href>\(token)</D:href></D:locktoken>"))
        let empty = try request(server, "GET", path)
        #expect(empty.status == 200 && empty.body.isEmpty)
        let refused = try request(server, "PUT", path, body: "hello")
        #expect(refused.status == 423)
        #expect(refused.text.contains("<D:lock-token-submitted><D:href>\(path)</D:href></D:lock-token-submitted>"))
        let tagged = "If: <http://127.0.0.1:\(server.port)\(path)> (<\(token)>)"
        #expect(try request(server, "PUT", path, headers: [tagged], body: "hello").status == 204)
        #expect(try request(server, "GET", path).text == "hello")
        #expect(try request(server, "UNLOCK", path, headers: ["Lock-Token: <\(token)>"]).status == 204)
        #expect(try request(server, "PUT", path, body: "free").status == 204)
    }

    @Test("§6.1: shared locks coexist; an exclusive lock conflicts with 423 no-conflicting-lock")
    func sharedAndExclusive() throws {
        let server = try LiveServer()
        #expect(try request(server, "PUT", "/dav/home/alice/s.txt", body: "s").status == 201)
        let first = try lock(server, "/dav/home/alice/s.txt", scope: "shared")
        let second = try lock(server, "/dav/home/alice/s.txt", scope: "shared")
        #expect(first.response.status == 200 && second.response.status == 200 && first.token != second.token)
        let exclusive = try lock(server, "/dav/home/alice/s.txt")
        #expect(exclusive.response.status == 423)
        #expect(exclusive.response.text.contains("no-conflicting-lock"))
        let discovery = try request(
            server,
            "PROPFIND",
            "/dav/home/alice/s.txt",
            headers: ["Depth: 0"],
            body: #"<propfind xmlns="DAV:"><prop><lockdiscovery/></prop></propfind>"#
        )
        #expect(discovery.text.contains(first.token) && discovery.text.contains(second.token))
    }

    @Test("§9.10.2: a LOCK without a body refreshes by If token; a wrong token is 412")
    func refresh() throws {
        let server = try LiveServer()
        let (_, token) = try lock(server, "/dav/home/alice/calendar/", depth: "infinity")
        let refreshed = try request(
            server,
            "LOCK",
            "/dav/home/alice/calendar/",
            headers: ["If: (<\(token)>)", "Timeout: Second-120"]
        )
        #expect(refreshed.status == 200)
        #expect(refreshed.text.contains("<D:timeout>Second-120</D:timeout>"))
        let wrong = try request(server, "LOCK", "/dav/home/alice/calendar/", headers: ["If: (<urn:uuid:nope>)"])
        #expect(wrong.status == 412)
    }

    @Test("§9.11: UNLOCK with a token that is not on the URL is 409 lock-token-matches-request-uri")
    func unlockWrongToken() throws {
        let server = try LiveServer()
        let (_, token) = try lock(server, "/dav/home/alice/contacts/")
        let response = try request(server, "UNLOCK", "/dav/home/alice/calendar/", headers: ["Lock-Token: <\(token)>"])
        #expect(response.status == 409)
        #expect(response.text.contains("lock-token-matches-request-uri"))
    }

    @Test("§7.4: a Depth-infinity lock on a folder blocks PUT of a new member without the token")
    func deepLockBlocksNewMember() throws {
        let server = try LiveServer()
        #expect(try request(server, "MKCOL", "/dav/home/alice/folder/").status == 201)
        let (_, token) = try lock(server, "/dav/home/alice/folder/", depth: "infinity")
        let refused = try request(server, "PUT", "/dav/home/alice/folder/new.txt", body: "x")
        #expect(refused.status == 423)
        #expect(refused.text.contains("<D:href>/dav/home/alice/folder/</D:href>"))
        #expect(try request(server, "DELETE", "/dav/home/alice/folder/").status == 423)
        let allowed = try request(
            server,
            "PUT",
            "/dav/home/alice/folder/new.txt",
            headers: ["If: </dav/home/alice/folder/> (<\(token)>)"],
            body: "x"
        )
        #expect(allowed.status == 201)
        let deleted = try request(server, "DELETE", "/dav/home/alice/folder/", headers: ["If: (<\(token)>)"])
        #expect(deleted.status == 204)
        #expect(try request(server, "MKCOL", "/dav/home/alice/folder/").status == 201)
        #expect(try request(server, "PUT", "/dav/home/alice/folder/new.txt", body: "x").status == 201)
    }

    @Test("a lock survives a server restart")
    func survivesRestart() throws {
        let server = try LiveServer()
        #expect(try request(server, "PUT", "/dav/home/alice/keep.txt", body: "k").status == 201)
        let (_, token) = try lock(server, "/dav/home/alice/keep.txt")
        #expect(server.stop() == 0)
        try server.start()
        #expect(try request(server, "PUT", "/dav/home/alice/keep.txt", body: "x").status == 423)
        let discovery = try request(
            server,
            "PROPFIND",
            "/dav/home/alice/keep.txt",
            headers: ["Depth: 0"],
            body: #"<propfind xmlns="DAV:"><prop><lockdiscovery/></prop></propfind>"#
        )
        #expect(discovery.text.contains(token))
        #expect(discovery.text.contains("<D:owner>e2e</D:owner>"))
        #expect(
            try request(server, "PUT", "/dav/home/alice/keep.txt", headers: ["If: (<\(token)>)"], body: "x").status
                == 204
        )
    }

    @Test("user B cannot LOCK in user A's home (403)")
    func otherUsersHome() throws {
        let server = try LiveServer(users: [("alice", "alice-password"), ("bob", "bob-password")])
        #expect(try lock(server, "/dav/home/alice/calendar/", auth: bob).response.status == 403)
        #expect(try lock(server, "/dav/home/alice/new.txt", auth: bob).response.status == 403)
        #expect(try request(server, "GET", "/dav/home/alice/new.txt").status == 404)
    }

    @Test("§10.4: If (Not <DAV:no-lock>) always holds, (<DAV:no-lock>) never; a stale entity tag list is 412")
    func ifConditions() throws {
        let server = try LiveServer()
        let created = try request(server, "PUT", "/dav/home/alice/c.txt", body: "1")
        let etag = try #require(created.header("etag"))
        #expect(
            try request(server, "PUT", "/dav/home/alice/c.txt", headers: ["If: (Not <DAV:no-lock>)"], body: "2").status
                == 204
        )
        #expect(
            try request(server, "PUT", "/dav/home/alice/c.txt", headers: ["If: (<DAV:no-lock>)"], body: "3").status
                == 412
        )
        let stale = try request(server, "PUT", "/dav/home/alice/c.txt", headers: ["If: ([\(etag)])"], body: "4")
        #expect(stale.status == 412)
        let current = try #require(try request(server, "GET", "/dav/home/alice/c.txt").header("etag"))
        let fresh = try request(server, "PUT", "/dav/home/alice/c.txt", headers: ["If: ([\(current)])"], body: "5")
        #expect(fresh.status == 204)
        #expect(try request(server, "DELETE", "/dav/home/alice/c.txt", headers: ["If: (<broken"]).status == 400)
    }
}
