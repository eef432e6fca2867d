import Foundation
import TestSupport
import Testing

/// RFC 4331 quota (`limits.user_quota`): writes that would take a user over it get 507 with
/// `DAV:quota-not-exceeded` and change nothing.
@Suite("Quota end to end", .serialized)
struct QuotaEndToEndTests {
    let alice = LiveServer.basic("alice", "alice-password")

    private func quotaServer(bytes: Int = 1000) throws -> LiveServer {
        try LiveServer(extraArguments: ["--set", "limits.user_quota=\(bytes)"])
    }

    private func used(_ server: LiveServer) throws -> String {
        let response = try server.request(
            "PROPFIND",
            "/dav/home/alice/",
            auth: alice,
            headers: ["Depth: 0"],
            body: #"<propfind xmlns="DAV:"><prop><quota-used-bytes/><quota-available-bytes/></prop></propfind>"#
        )
        return response.text
    }

    @Test("RFC 4331 §6: a PUT over the quota gets 507 quota-not-exceeded and stores nothing")
    func putOverQuotaIsRefused() throws {
        let server = try quotaServer()
        #expect(
            try server.request("PUT", "/dav/home/alice/a.txt", auth: alice, body: String(repeating: "a", count: 600))
                .status == 201
        )
        let over = try server.request(
            "PUT",
            "/dav/home/alice/b.txt",
            auth: alice,
            body: String(repeating: "b", count: 500)
        )
        #expect(over.status == 507)
        #expect(over.text.contains("<D:quota-not-exceeded/>"))
        #expect(try server.request("GET", "/dav/home/alice/b.txt", auth: alice).status == 404)
        #expect(try used(server).contains("<D:quota-used-bytes>600</D:quota-used-bytes>"))
        let replaceSmaller = try server.request("PUT", "/dav/home/alice/a.txt", auth: alice, body: "small")
        #expect(replaceSmaller.status == 204)
        let fits = try server.request(
            "PUT",
            "/dav/home/alice/b.txt",
            auth: alice,
            body: String(repeating: "b", count: 995)
        )
        #expect(fits.status == 201)
        #expect(try used(server).contains("<D:quota-available-bytes>0</D:quota-available-bytes>"))
    }

    @Test("RFC 4331 §6: a chunked PUT over the quota is refused the same way")
    func chunkedPutOverQuotaIsRefused() throws {
        let server = try quotaServer()
        let client = try RawHTTPClient(port: server.port)
        let chunk = String(repeating: "x", count: 800)
        try client.send(
            "PUT /dav/home/alice/big.bin HTTP/1.1\r\nHost: localhost\r\nAuthorization: \(alice)\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n320\r\n\(chunk)\r\n320\r\n\(chunk)\r\n0\r\n\r\n"
        )
        #expect(try client.readResponse().status == 507)
        #expect(try server.request("GET", "/dav/home/alice/big.bin", auth: alice).status == 404)
    }

    @Test("RFC 4331 §6: COPY that would exceed the quota is refused and the destination stays absent")
    func copyOverQuotaIsRefused() throws {
        let server = try quotaServer()
        #expect(try server.request("MKCOL", "/dav/home/alice/docs/", auth: alice).status == 201)
        #expect(
            try server.request(
                "PUT",
                "/dav/home/alice/docs/a.txt",
                auth: alice,
                body: String(repeating: "a", count: 400)
            ).status == 201
        )
        let first = try server.request(
            "COPY",
            "/dav/home/alice/docs/",
            auth: alice,
            headers: ["Destination: /dav/home/alice/copy1/"]
        )
        #expect(first.status == 201)
        let second = try server.request(
            "COPY",
            "/dav/home/alice/docs/",
            auth: alice,
            headers: ["Destination: /dav/home/alice/copy2/"]
        )
        #expect(second.status == 507)
        #expect(second.text.contains("quota-not-exceeded"))
        #expect(
            try server.request("PROPFIND", "/dav/home/alice/copy2/", auth: alice, headers: ["Depth: 0"]).status == 404
        )
        let move = try server.request(
            "MOVE",
            "/dav/home/alice/copy1/",
            auth: alice,
            headers: ["Destination: /dav/home/alice/moved/"]
        )
        #expect(move.status == 201)
    }

    @Test("RFC 4331 §6: MKCOL and calendar object PUTs are refused once the quota is used up")
    func mkcolAndObjectsWhenFull() throws {
        let server = try quotaServer()
        #expect(
            try server.request(
                "PUT",
                "/dav/home/alice/full.bin",
                auth: alice,
                body: String(repeating: "f", count: 1000)
            ).status == 201
        )
        let mkcol = try server.request("MKCOL", "/dav/home/alice/more/", auth: alice)
        #expect(mkcol.status == 507)
        #expect(mkcol.text.contains("quota-not-exceeded"))
        let event = try server.request(
            "PUT",
            "/dav/home/alice/calendar/e.ics",
            auth: alice,
            headers: ["Content-Type: text/calendar"],
            body: CalDAVEndToEndTests.event(uid: "quota-1")
        )
        #expect(event.status == 507)
        #expect(try server.request("DELETE", "/dav/home/alice/full.bin", auth: alice).status == 204)
        #expect(try server.request("MKCOL", "/dav/home/alice/more/", auth: alice).status == 201)
    }

    @Test("without a quota nothing is limited")
    func noQuotaMeansNoLimit() throws {
        let server = try LiveServer()
        let body = String(repeating: "z", count: 200_000)
        #expect(try server.request("PUT", "/dav/home/alice/z.bin", auth: alice, body: body).status == 201)
    }
}
