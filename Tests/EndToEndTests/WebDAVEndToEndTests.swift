import Foundation
import TestSupport
import Testing

/// WebDAV methods beyond the basics, against the real binary (litmus covers the RFC 4918 details in
/// Tests/Interop/run.sh).
@Suite("WebDAV end to end", .serialized)
struct WebDAVEndToEndTests {
    let alice = LiveServer.basic("alice", "alice-password")

    private func request(
        _ server: LiveServer,
        _ method: String,
        _ path: String,
        auth: String,
        headers: [String] = [],
        body: String = ""
    ) throws -> RawResponse {
        let client = try RawHTTPClient(port: server.port)
        var head = "\(method) \(path) HTTP/1.1\r\nHost: localhost\r\nAuthorization: \(auth)\r\n"
        for header in headers { head += header + "\r\n" }
        head += "Content-Length: \(body.utf8.count)\r\n\r\n"
        try client.send(head + body)
        return try client.readResponse()
    }

    @Test("PROPFIND Depth 1 on a home lists the calendar and address book with their resource types")
    func propfindHome() throws {
        let server = try LiveServer()
        let response = try request(server, "PROPFIND", "/dav/home/alice/", auth: alice, headers: ["Depth: 1"])
        #expect(response.status == 207)
        #expect(response.text.contains("<D:href>/dav/home/alice/calendar/</D:href>"))
        #expect(response.text.contains("<C:calendar/>"))
        #expect(response.text.contains("<CR:addressbook/>"))
        let principal = try request(
            server,
            "PROPFIND",
            "/dav/home/alice/",
            auth: alice,
            headers: ["Depth: 0"],
            body: #"<propfind xmlns="DAV:"><prop><current-user-principal/></prop></propfind>"#
        )
        #expect(principal.text.contains("<D:href>/dav/principals/users/alice/</D:href>"))
    }

    @Test("A PROPFIND listing more than one batch streams a complete multistatus")
    func largePropfindStreams() throws {
        let server = try LiveServer()
        _ = try request(server, "MKCOL", "/dav/home/alice/many/", auth: alice)
        let client = try RawHTTPClient(port: server.port)
        for index in 0..<1200 {
            try client.send(
                "PUT /dav/home/alice/many/f\(index).txt HTTP/1.1\r\nHost: x\r\nAuthorization: \(alice)\r\n"
                    + "Content-Length: 1\r\n\r\nx"
            )
            #expect(try client.readResponse().status == 201)
        }
        let response = try request(
            server,
            "PROPFIND",
            "/dav/home/alice/many/",
            auth: alice,
            headers: ["Depth: 1"],
            body: #"<propfind xmlns="DAV:"><prop><getetag/></prop></propfind>"#
        )
        #expect(response.status == 207)
        #expect(response.header("Transfer-Encoding") == "chunked")
        #expect(response.text.components(separatedBy: "<D:response>").count == 1202)
        #expect(response.text.hasSuffix("</D:multistatus>\n"))
    }

    @Test("PROPFIND refuses Depth: infinity and XML with a DOCTYPE")
    func propfindRefusals() throws {
        let server = try LiveServer()
        let infinite = try request(server, "PROPFIND", "/dav/home/alice/", auth: alice, headers: ["Depth: infinity"])
        #expect(infinite.status == 403)
        #expect(infinite.text.contains("propfind-finite-depth"))
        let doctype = try request(
            server,
            "PROPFIND",
            "/dav/home/alice/",
            auth: alice,
            headers: ["Depth: 0"],
            body: #"<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><propfind xmlns="DAV:"><allprop/></propfind>"#
        )
        #expect(doctype.status == 403)
    }

    @Test("PROPPATCH stores dead properties verbatim; protected ones fail the whole update with 403/424")
    func proppatch() throws {
        let server = try LiveServer()
        let update = #"""
            <D:propertyupdate xmlns:D="DAV:" xmlns:Z="urn:z"><D:set><D:prop><Z:note xml:lang="de">Grüße &amp; mehr</Z:note></D:prop></D:set></D:propertyupdate>
            """#
        #expect(try request(server, "PROPPATCH", "/dav/home/alice/calendar/", auth: alice, body: update).status == 207)
        let read = try request(
            server,
            "PROPFIND",
            "/dav/home/alice/calendar/",
            auth: alice,
            headers: ["Depth: 0"],
            body: #"<propfind xmlns="DAV:"><prop><note xmlns="urn:z"/></prop></propfind>"#
        )
        #expect(read.text.contains(#"xml:lang="de">Grüße &amp; mehr</"#))
        let protected = #"""
            <D:propertyupdate xmlns:D="DAV:" xmlns:Z="urn:z"><D:set><D:prop><D:getetag>x</D:getetag><Z:other>1</Z:other></D:prop></D:set></D:propertyupdate>
            """#
        let refused = try request(server, "PROPPATCH", "/dav/home/alice/calendar/", auth: alice, body: protected)
        #expect(refused.text.contains("HTTP/1.1 403 Forbidden"))
        #expect(refused.text.contains("HTTP/1.1 424 Failed Dependency"))
    }

    @Test("COPY and MOVE stay inside the user's home and honour Overwrite")
    func copyAndMove() throws {
        let server = try LiveServer(users: [("alice", "alice-password"), ("bob", "bob-password")])
        #expect(try request(server, "PUT", "/dav/home/alice/a.txt", auth: alice, body: "a").status == 201)
        let copy = try request(
            server,
            "COPY",
            "/dav/home/alice/a.txt",
            auth: alice,
            headers: ["Destination: http://localhost/dav/home/alice/b.txt"]
        )
        #expect(copy.status == 201)
        let again = try request(
            server,
            "COPY",
            "/dav/home/alice/a.txt",
            auth: alice,
            headers: ["Destination: /dav/home/alice/b.txt", "Overwrite: F"]
        )
        #expect(again.status == 412)
        let steal = try request(
            server,
            "MOVE",
            "/dav/home/alice/a.txt",
            auth: alice,
            headers: ["Destination: /dav/home/bob/a.txt"]
        )
        #expect(steal.status == 403)
        let elsewhere = try request(
            server,
            "MOVE",
            "/dav/home/alice/a.txt",
            auth: alice,
            headers: ["Destination: http://other.example/dav/home/alice/c.txt"]
        )
        #expect(elsewhere.status == 502)
        let move = try request(
            server,
            "MOVE",
            "/dav/home/alice/b.txt",
            auth: alice,
            headers: ["Destination: /dav/home/alice/c.txt"]
        )
        #expect(move.status == 201)
        #expect(try request(server, "GET", "/dav/home/alice/b.txt", auth: alice).status == 404)
        #expect(try request(server, "GET", "/dav/home/alice/c.txt", auth: alice).text == "a")
    }
}
