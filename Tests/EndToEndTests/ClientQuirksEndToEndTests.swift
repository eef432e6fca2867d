import Foundation
import TestSupport
import Testing

/// What macOS Finder and the Windows Mini-Redirector do that other clients do not, and the URL shapes file
/// browsers produce (spaces, `#`, `%`, NFC and NFD names, collections without their trailing slash).
@Suite("Client quirks end to end", .serialized)
struct ClientQuirksEndToEndTests {
    let alice = LiveServer.basic("alice", "alice-password")

    private func chunkedPut(_ server: LiveServer, _ path: String, chunks: [String], expected: Int) throws
        -> RawResponse
    {
        let client = try RawHTTPClient(port: server.port)
        var message = "PUT \(path) HTTP/1.1\r\nHost: localhost\r\nAuthorization: \(alice)\r\n"
        message += "Transfer-Encoding: chunked\r\nX-Expected-Entity-Length: \(expected)\r\n\r\n"
        for chunk in chunks { message += String(chunk.utf8.count, radix: 16) + "\r\n" + chunk + "\r\n" }
        try client.send(message + "0\r\n\r\n")
        return try client.readResponse()
    }

    @Test("Finder: a chunked PUT with the announced X-Expected-Entity-Length is stored whole")
    func finderChunkedPutWithExpectedLength() throws {
        let server = try LiveServer()
        let put = try chunkedPut(server, "/dav/home/alice/photo.jpg", chunks: ["hello ", "world"], expected: 11)
        #expect(put.status == 201)
        #expect(try server.request("GET", "/dav/home/alice/photo.jpg", auth: alice).text == "hello world")
    }

    @Test("Finder: a chunked PUT shorter than X-Expected-Entity-Length gets 400 and leaves no file, not 0 bytes")
    func finderShortChunkedPutStoresNothing() throws {
        let server = try LiveServer()
        let empty = try chunkedPut(server, "/dav/home/alice/empty.jpg", chunks: [], expected: 4096)
        #expect(empty.status == 400)
        let short = try chunkedPut(server, "/dav/home/alice/short.jpg", chunks: ["abc"], expected: 4096)
        #expect(short.status == 400)
        #expect(try server.request("GET", "/dav/home/alice/empty.jpg", auth: alice).status == 404)
        #expect(try server.request("GET", "/dav/home/alice/short.jpg", auth: alice).status == 404)
        #expect(try server.request("PUT", "/dav/home/alice/keep.jpg", auth: alice, body: "old").status == 201)
        #expect(try chunkedPut(server, "/dav/home/alice/keep.jpg", chunks: [], expected: 10).status == 400)
        #expect(try server.request("GET", "/dav/home/alice/keep.jpg", auth: alice).text == "old")
    }

    @Test("Finder: ._ AppleDouble and .DS_Store files are stored like any file by default")
    func appleMetadataStoredByDefault() throws {
        let server = try LiveServer()
        #expect(try server.request("PUT", "/dav/home/alice/._photo.jpg", auth: alice, body: "fork").status == 201)
        #expect(try server.request("PUT", "/dav/home/alice/.DS_Store", auth: alice, body: "ds").status == 201)
        #expect(try server.request("GET", "/dav/home/alice/._photo.jpg", auth: alice).text == "fork")
        #expect(try server.request("GET", "/dav/home/alice/.DS_Store", auth: alice).text == "ds")
    }

    @Test("webdav.ignore_apple_metadata: ._ and .DS_Store PUTs answer 201 but are discarded; other files stay")
    func appleMetadataDiscardedWhenConfigured() throws {
        let server = try LiveServer(extraArguments: ["--set", "webdav.ignore_apple_metadata=true"])
        #expect(try server.request("PUT", "/dav/home/alice/._photo.jpg", auth: alice, body: "fork").status == 201)
        #expect(try server.request("PUT", "/dav/home/alice/.DS_Store", auth: alice, body: "ds").status == 201)
        #expect(try server.request("PUT", "/dav/home/alice/photo.jpg", auth: alice, body: "jpeg").status == 201)
        #expect(try server.request("GET", "/dav/home/alice/._photo.jpg", auth: alice).status == 404)
        #expect(try server.request("GET", "/dav/home/alice/.DS_Store", auth: alice).status == 404)
        #expect(try server.request("GET", "/dav/home/alice/photo.jpg", auth: alice).text == "jpeg")
        let listing = try server.request("PROPFIND", "/dav/home/alice/", auth: alice, headers: ["Depth: 1"])
        #expect(!listing.text.contains("DS_Store"))
        #expect(!listing.text.contains("._photo"))
    }

    @Test("Windows: DOMAIN\\user and user@host sign in as user; unknown users are still refused")
    func windowsQualifiedUserNames() throws {
        let server = try LiveServer()
        for name in ["WORKGROUP\\alice", "alice@fileserver.example"] {
            let response = try server.request(
                "PROPFIND",
                "/dav/home/alice/",
                auth: LiveServer.basic(name, "alice-password"),
                headers: ["Depth: 0"]
            )
            #expect(response.status == 207, "\(name)")
        }
        let wrongPassword = LiveServer.basic("WORKGROUP\\alice", "nope")
        #expect(try server.request("PROPFIND", "/dav/home/alice/", auth: wrongPassword).status == 401)
        let unknown = LiveServer.basic("WORKGROUP\\mallory", "alice-password")
        #expect(try server.request("PROPFIND", "/dav/home/alice/", auth: unknown).status == 401)
    }

    @Test("Windows: Translate: f is ignored and Win32 file attributes are kept as dead properties")
    func windowsTranslateAndWin32Properties() throws {
        let server = try LiveServer()
        let put = try server.request(
            "PUT",
            "/dav/home/alice/doc.txt",
            auth: alice,
            headers: ["Translate: f"],
            body: "doc"
        )
        #expect(put.status == 201)
        #expect(
            try server.request("GET", "/dav/home/alice/doc.txt", auth: alice, headers: ["Translate: f"]).text == "doc"
        )
        let patch = try server.request(
            "PROPPATCH",
            "/dav/home/alice/doc.txt",
            auth: alice,
            body: """
                <?xml version="1.0" encoding="utf-8" ?><D:propertyupdate xmlns:D="DAV:" \
                xmlns:Z="urn:schemas-microsoft-com:"><D:set><D:prop>\
                <Z:Win32CreationTime>Mon, 05 Jan 2026 10:00:00 GMT</Z:Win32CreationTime>\
                <Z:Win32LastModifiedTime>Mon, 05 Jan 2026 11:00:00 GMT</Z:Win32LastModifiedTime>\
                <Z:Win32FileAttributes>00000020</Z:Win32FileAttributes>\
                </D:prop></D:set></D:propertyupdate>
                """
        )
        #expect(patch.status == 207)
        #expect(!patch.text.contains("403") && !patch.text.contains("424"))
        let read = try server.request(
            "PROPFIND",
            "/dav/home/alice/doc.txt",
            auth: alice,
            headers: ["Depth: 0"],
            body:
                #"<propfind xmlns="DAV:"><prop><Win32FileAttributes xmlns="urn:schemas-microsoft-com:"/></prop></propfind>"#
        )
        #expect(read.text.contains("00000020</"))
        #expect(read.text.contains("200 OK"))
    }

    @Test("a collection named without its trailing slash answers PROPFIND, GET and DELETE like with it")
    func collectionsWithoutTrailingSlash() throws {
        let server = try LiveServer()
        let withSlash = try server.request("PROPFIND", "/dav/home/alice/calendar/", auth: alice, headers: ["Depth: 0"])
        let without = try server.request("PROPFIND", "/dav/home/alice/calendar", auth: alice, headers: ["Depth: 0"])
        #expect(without.status == 207)
        #expect(without.text == withSlash.text)
        #expect(without.text.contains("<D:href>/dav/home/alice/calendar/</D:href>"))
        #expect(try server.request("MKCOL", "/dav/home/alice/docs", auth: alice).status == 201)
        #expect(try server.request("PUT", "/dav/home/alice/docs/a.txt", auth: alice, body: "a").status == 201)
        let listing = try server.request("GET", "/dav/home/alice/docs", auth: alice, headers: ["Accept: text/html"])
        #expect(listing.status == 200)
        #expect(listing.text.contains("href=\"/dav/home/alice/docs/a.txt\""))
        #expect(try server.request("DELETE", "/dav/home/alice/docs", auth: alice).status == 204)
        #expect(
            try server.request("PROPFIND", "/dav/home/alice/docs/", auth: alice, headers: ["Depth: 0"]).status == 404
        )
    }

    @Test(
        "names with spaces, #, %, and non-ASCII NFC and NFD forms round-trip through PUT, PROPFIND and GET",
        arguments: [
            ("with space.txt", "with%20space.txt"),
            ("hash#tag.txt", "hash%23tag.txt"),
            ("100%.txt", "100%25.txt"),
            ("caf\u{E9}.txt", "caf%C3%A9.txt"),
            ("cafe\u{301}.txt", "cafe%CC%81.txt"),
            ("\u{65E5}\u{672C}.txt", "%E6%97%A5%E6%9C%AC.txt"),
        ]
    )
    func unusualNamesRoundTrip(name: String, encoded: String) throws {
        let server = try LiveServer()
        #expect(try server.request("MKCOL", "/dav/home/alice/dir%20%23%25/", auth: alice).status == 201)
        let path = "/dav/home/alice/dir%20%23%25/" + encoded
        #expect(try server.request("PUT", path, auth: alice, body: name).status == 201)
        #expect(try server.request("GET", path, auth: alice).text == name)
        let listing = try server.request(
            "PROPFIND",
            "/dav/home/alice/dir%20%23%25/",
            auth: alice,
            headers: ["Depth: 1"]
        )
        #expect(listing.text.contains("<D:href>\(path)</D:href>"))
        let moved = try server.request("MOVE", path, auth: alice, headers: ["Destination: \(path).bak"])
        #expect(moved.status == 201)
        #expect(try server.request("GET", path + ".bak", auth: alice).text == name)
    }

    @Test("NFC and NFD spellings of one name are two distinct files, each kept byte for byte")
    func nfcAndNfdNamesAreDistinct() throws {
        let server = try LiveServer()
        #expect(try server.request("PUT", "/dav/home/alice/caf%C3%A9.txt", auth: alice, body: "nfc").status == 201)
        #expect(try server.request("PUT", "/dav/home/alice/cafe%CC%81.txt", auth: alice, body: "nfd").status == 201)
        #expect(try server.request("GET", "/dav/home/alice/caf%C3%A9.txt", auth: alice).text == "nfc")
        #expect(try server.request("GET", "/dav/home/alice/cafe%CC%81.txt", auth: alice).text == "nfd")
        let listing = try server.request("PROPFIND", "/dav/home/alice/", auth: alice, headers: ["Depth: 1"])
        #expect(listing.text.contains("<D:href>/dav/home/alice/caf%C3%A9.txt</D:href>"))
        #expect(listing.text.contains("<D:href>/dav/home/alice/cafe%CC%81.txt</D:href>"))
    }

    @Test("PROPFIND without a Depth header is answered as Depth 1; an explicit Depth: infinity is still refused")
    func propfindWithoutDepthIsDepthOne() throws {
        let server = try LiveServer()
        #expect(try server.request("PUT", "/dav/home/alice/a.txt", auth: alice, body: "a").status == 201)
        let bare = try server.request("PROPFIND", "/dav/home/alice/", auth: alice)
        #expect(bare.status == 207)
        #expect(bare.text.contains("<D:href>/dav/home/alice/a.txt</D:href>"))
        let file = try server.request("PROPFIND", "/dav/home/alice/a.txt", auth: alice)
        #expect(file.status == 207)
        let infinite = try server.request("PROPFIND", "/dav/home/alice/", auth: alice, headers: ["Depth: infinity"])
        #expect(infinite.status == 403)
    }
}
