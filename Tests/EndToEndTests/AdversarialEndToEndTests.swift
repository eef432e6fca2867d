import Foundation
import FoundationXML
import TestSupport
import Testing

/// Hostile requests against the real binary: path traversal in every place a path can hide, XML attacks,
/// cross-user access for every method, injection through property values, oversized and over-nested bodies and
/// recurrence bombs. Every case checks the status and, by reading as the victim, that nothing changed.
@Suite("Adversarial requests end to end", .serialized)
struct AdversarialEndToEndTests {
    let alice = LiveServer.basic("alice", "alice-password")
    let bob = LiveServer.basic("bob", "bob-password")

    /// Text only alice's data holds; it must never appear in a response to bob.
    static let secret = "alice-secret-7f3a"

    /// An exclusive write lock request.
    static let lockBody =
        #"<D:lockinfo xmlns:D="DAV:"><D:lockscope><D:exclusive/></D:lockscope><D:locktype><D:write/></D:locktype>"#
        + "<D:owner>e2e</D:owner></D:lockinfo>"

    /// A server with alice and bob; alice has a file, an event, a contact and a dead property.
    private func seededServer(extraArguments: [String] = []) throws -> LiveServer {
        let server = try LiveServer(
            users: [("alice", "alice-password"), ("bob", "bob-password")],
            extraArguments: extraArguments
        )
        let file = try server.request("PUT", "/dav/home/alice/secret.txt", auth: alice, body: Self.secret)
        #expect(file.status == 201)
        let event = try server.request(
            "PUT",
            "/dav/home/alice/calendar/a.ics",
            auth: alice,
            headers: ["Content-Type: text/calendar"],
            body: CalDAVEndToEndTests.event(uid: "alice-event", summary: Self.secret)
        )
        #expect(event.status == 201)
        let card = try server.request(
            "PUT",
            "/dav/home/alice/contacts/a.vcf",
            auth: alice,
            headers: ["Content-Type: text/vcard"],
            body: CardDAVEndToEndTests.card(uid: "alice-card", name: Self.secret, email: "alice@example.com")
        )
        #expect(card.status == 201)
        let note = try server.request(
            "PROPPATCH",
            "/dav/home/alice/calendar/",
            auth: alice,
            body: """
                <D:propertyupdate xmlns:D="DAV:" xmlns:Z="urn:z"><D:set><D:prop><Z:note>\(Self.secret)</Z:note>\
                </D:prop></D:set></D:propertyupdate>
                """
        )
        #expect(note.status == 207)
        _ = try server.request("PUT", "/dav/home/bob/mine.txt", auth: bob, body: "bob's file")
        return server
    }

    /// Everything alice can observe of her home: members, ETags, sync tokens, a dead property and the file body.
    private func aliceState(_ server: LiveServer) throws -> [String] {
        var state: [String] = []
        for collection in ["/dav/home/alice/", "/dav/home/alice/calendar/", "/dav/home/alice/contacts/"] {
            let listing = try server.request(
                "PROPFIND",
                collection,
                auth: alice,
                headers: ["Depth: 1"],
                body: """
                    <D:propfind xmlns:D="DAV:" xmlns:Z="urn:z"><D:prop><D:getetag/><D:sync-token/>\
                    <D:displayname/><D:resourcetype/><Z:note/></D:prop></D:propfind>
                    """
            )
            #expect(listing.status == 207)
            state.append(listing.text)
        }
        state.append(try server.request("GET", "/dav/home/alice/secret.txt", auth: alice).text)
        return state
    }

    /// Asserts that a response to bob carries none of alice's data.
    private func expectNoLeak(_ response: RawResponse, _ comment: Comment) {
        #expect(!response.text.contains(Self.secret), comment)
        #expect(!response.text.contains("alice-event"), comment)
        #expect(!response.text.contains("alice-card"), comment)
    }

    // MARK: - Path traversal

    @Test("dot segments, encoded slashes, overlong UTF-8 and NUL in the request target are refused with 400")
    func traversalInRequestTargetIsRefused() throws {
        let server = try seededServer()
        let before = try aliceState(server)
        let escaping = [
            "/dav/home/bob/../alice/secret.txt",
            "/dav/home/bob/%2e%2e/alice/secret.txt",
            "/dav/home/bob/%2E%2E/alice/secret.txt",
            "/dav/home/bob/.%2e/alice/secret.txt",
            "/dav/home/bob/..%2falice%2fsecret.txt",
            "/dav/home/bob%2f..%2falice/secret.txt",
            "/dav/home/bob/%c0%ae%c0%ae/alice/secret.txt",
            "/dav/home/bob/%e0%80%ae%e0%80%ae/alice/secret.txt",
            "/dav/home/bob/secret.txt%00.txt",
            "/dav/home/bob/./mine.txt",
            "/dav/home/bob/%zz",
        ]
        for target in escaping {
            for method in ["GET", "PUT", "DELETE", "PROPFIND", "MKCOL", "PROPPATCH"] {
                let response = try server.request(method, target, auth: bob, body: method == "PUT" ? "x" : "")
                #expect(response.status == 400, "\(method) \(target) → \(response.status)")
                expectNoLeak(response, "\(method) \(target)")
            }
        }
        // Forms that decode to a harmless literal name stay inside bob's home.
        for target in ["/dav/home/bob/%252e%252e/alice/secret.txt", "/dav/home/bob/..%5calice%5csecret.txt"] {
            let response = try server.request("GET", target, auth: bob)
            #expect(response.status == 404, "\(target) → \(response.status)")
            expectNoLeak(response, "\(target)")
        }
        // A raw NUL, and absolute-form targets with dot segments, never reach the store.
        let raw = try RawHTTPClient(port: server.port)
        try raw.send(
            Array("GET /dav/home/bob/a".utf8) + [0]
                + Array("b HTTP/1.1\r\nHost: x\r\nAuthorization: \(bob)\r\n\r\n".utf8)
        )
        #expect(try raw.readResponse().status == 400)
        let absolute = try RawHTTPClient(port: server.port)
        try absolute.send(
            "GET http://localhost/dav/home/bob/../alice/secret.txt HTTP/1.1\r\nHost: localhost\r\nAuthorization: \(bob)\r\n\r\n"
        )
        let absoluteResponse = try absolute.readResponse()
        #expect(absoluteResponse.status == 400)
        expectNoLeak(absoluteResponse, "absolute-form target")
        #expect(try aliceState(server) == before)
    }

    @Test("a Destination that leaves the user's home is refused and neither resource changes")
    func traversalInDestinationIsRefused() throws {
        let server = try seededServer()
        let before = try aliceState(server)
        let destinations: [(String, Int)] = [
            ("/dav/home/bob/../alice/stolen.txt", 400),
            ("/dav/home/bob/%2e%2e/alice/stolen.txt", 400),
            ("/dav/home/bob/%2e%2e%2falice%2fstolen.txt", 400),
            ("/dav/home/bob/%c0%ae%c0%ae/alice/stolen.txt", 400),
            ("/dav/home/bob/x%00", 400),
            ("http://localhost/dav/home/bob/../alice/stolen.txt", 400),
            ("/dav/home/alice/stolen.txt", 403),
            ("/dav/home/alice/secret.txt", 403),
            ("http://localhost/dav/home/alice/stolen.txt", 403),
            ("http://localhost/dav/home/%61lice/stolen.txt", 403),
            ("http://evil.example/dav/home/alice/stolen.txt", 502),
            ("/dav/principals/users/alice/stolen.txt", 403),
            ("/etc/passwd", 403),
        ]
        for method in ["COPY", "MOVE"] {
            for (destination, status) in destinations {
                let response = try server.request(
                    method,
                    "/dav/home/bob/mine.txt",
                    auth: bob,
                    headers: ["Destination: \(destination)", "Overwrite: T"]
                )
                #expect(response.status == status, "\(method) → \(destination): \(response.status)")
            }
        }
        #expect(try server.request("GET", "/dav/home/bob/mine.txt", auth: bob).text == "bob's file")
        // Pulling alice's file into bob's home is refused at the source.
        let pull = try server.request(
            "COPY",
            "/dav/home/alice/secret.txt",
            auth: bob,
            headers: ["Destination: /dav/home/bob/stolen.txt"]
        )
        #expect(pull.status == 403)
        #expect(try server.request("GET", "/dav/home/bob/stolen.txt", auth: bob).status == 404)
        #expect(try aliceState(server) == before)
    }

    @Test("If header resource tags naming another user's resource count as unmapped and reveal nothing")
    func ifHeaderTagsAreConfined() throws {
        let server = try seededServer()
        let before = try aliceState(server)
        let etag = try #require(server.request("HEAD", "/dav/home/alice/secret.txt", auth: alice).header("etag"))
        // With alice's real ETag the condition would hold if bob could see her file; it must not.
        for tag in [
            "</dav/home/alice/secret.txt>", "<http://localhost/dav/home/alice/secret.txt>",
            "</dav/home/%61lice/secret.txt>",
        ] {
            let matching = try server.request(
                "PUT",
                "/dav/home/bob/probe.txt",
                auth: bob,
                headers: ["If: \(tag) ([\(etag)])"],
                body: "probe"
            )
            #expect(matching.status == 412, "\(tag) → \(matching.status)")
            let negated = try server.request(
                "PUT",
                "/dav/home/bob/probe.txt",
                auth: bob,
                headers: ["If: \(tag) (Not [\(etag)])"],
                body: "probe"
            )
            #expect((200..<300).contains(negated.status), "\(tag) → \(negated.status)")
        }
        for tag in [
            "</dav/home/bob/../alice/secret.txt>", "</dav/home/bob/%2e%2e/alice/secret.txt>",
            "</dav/home/bob/%c0%ae%c0%ae/alice/secret.txt>", "</dav/home/bob/a%00>",
        ] {
            let response = try server.request(
                "PUT",
                "/dav/home/bob/probe.txt",
                auth: bob,
                headers: ["If: \(tag) ([\(etag)])"],
                body: "probe"
            )
            #expect([400, 412].contains(response.status), "\(tag) → \(response.status)")
        }
        // Alice's lock token in bob's hands does not let bob write to her file.
        let lock = try server.request(
            "LOCK",
            "/dav/home/alice/secret.txt",
            auth: alice,
            headers: ["Timeout: Second-600"],
            body: Self.lockBody
        )
        #expect(lock.status == 200)
        let token = try #require(lock.header("lock-token")).trimmingCharacters(in: CharacterSet(charactersIn: "<>"))
        let steal = try server.request(
            "PUT",
            "/dav/home/alice/secret.txt",
            auth: bob,
            headers: ["If: </dav/home/alice/secret.txt> (<\(token)>)"],
            body: "overwritten"
        )
        #expect(steal.status == 403)
        let unlock = try server.request(
            "UNLOCK",
            "/dav/home/alice/secret.txt",
            auth: bob,
            headers: ["Lock-Token: <\(token)>"]
        )
        #expect(unlock.status == 403)
        #expect(
            try server.request("UNLOCK", "/dav/home/alice/secret.txt", auth: alice, headers: ["Lock-Token: <\(token)>"])
                .status == 204
        )
        #expect(try aliceState(server) == before)
    }

    @Test("multiget and sync reports naming another user's objects return none of their data")
    func reportHrefsIntoAnotherHomeLeakNothing() throws {
        let server = try seededServer()
        let before = try aliceState(server)
        let hrefs = [
            "/dav/home/alice/calendar/a.ics", "http://localhost/dav/home/alice/calendar/a.ics",
            "/dav/home/bob/calendar/../../alice/calendar/a.ics",
            "/dav/home/bob/calendar/%2e%2e/%2e%2e/alice/calendar/a.ics",
            "/dav/home/%61lice/calendar/a.ics", "/dav/home/bob/calendar/%c0%ae%c0%ae/a.ics",
            "../../alice/calendar/a.ics",
        ]
        for href in hrefs {
            let calendar = try server.request(
                "REPORT",
                "/dav/home/bob/calendar/",
                auth: bob,
                body: """
                    <C:calendar-multiget xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><D:getetag/>\
                    <C:calendar-data/></D:prop><D:href>\(href)</D:href></C:calendar-multiget>
                    """
            )
            #expect([207, 400, 403].contains(calendar.status), "\(href) → \(calendar.status)")
            expectNoLeak(calendar, "calendar-multiget \(href)")
            let cardHref = href.replacingOccurrences(of: "calendar/a.ics", with: "contacts/a.vcf")
            let contacts = try server.request(
                "REPORT",
                "/dav/home/bob/contacts/",
                auth: bob,
                body: """
                    <CR:addressbook-multiget xmlns:D="DAV:" xmlns:CR="urn:ietf:params:xml:ns:carddav"><D:prop>\
                    <D:getetag/><CR:address-data/></D:prop><D:href>\(cardHref)</D:href></CR:addressbook-multiget>
                    """
            )
            #expect([207, 400, 403].contains(contacts.status), "\(cardHref) → \(contacts.status)")
            expectNoLeak(contacts, "addressbook-multiget \(cardHref)")
        }
        // Alice's sync token, replayed by bob against his own calendar, is not valid there.
        let aliceSync = try server.request(
            "REPORT",
            "/dav/home/alice/calendar/",
            auth: alice,
            body:
                #"<sync-collection xmlns="DAV:"><sync-token/><sync-level>1</sync-level><prop><getetag/></prop></sync-collection>"#
        )
        let text = aliceSync.text
        let start = try #require(text.range(of: "<D:sync-token>"))
        let end = try #require(text.range(of: "</D:sync-token>"))
        let token = String(text[start.upperBound..<end.lowerBound])
        let replay = try server.request(
            "REPORT",
            "/dav/home/bob/calendar/",
            auth: bob,
            body: """
                <sync-collection xmlns="DAV:"><sync-token>\(token)</sync-token><sync-level>1</sync-level>\
                <prop><getetag/></prop></sync-collection>
                """
        )
        #expect(replay.status == 403)
        #expect(replay.text.contains("valid-sync-token"))
        expectNoLeak(replay, "sync replay")
        #expect(try aliceState(server) == before)
    }

    // MARK: - XML attacks

    @Test("XXE and entity expansion in PROPFIND, PROPPATCH, REPORT, LOCK and MKCALENDAR bodies are refused")
    func xmlEntitiesAreRefused() throws {
        let server = try seededServer()
        let before = try aliceState(server)
        let laughs =
            "<!DOCTYPE lolz [<!ENTITY lol \"lol\">"
            + (1...9).map { level in
                "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level == 1 ? "" : String(level - 1));", count: 10)
                    + "\">"
            }.joined() + "]>"
        let prologues = [
            #"<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>"#,
            #"<!DOCTYPE x [<!ENTITY % p SYSTEM "http://127.0.0.1:1/evil.dtd"> %p;]>"#,
            #"<!doctype x SYSTEM "file:///etc/passwd">"#,
            laughs,
            #"<!ENTITY xxe SYSTEM "file:///etc/passwd">"#,
        ]
        let bodies: [(method: String, path: String, body: String)] = [
            (
                "PROPFIND", "/dav/home/alice/",
                #"<D:propfind xmlns:D="DAV:"><D:prop><D:displayname>&xxe;&lol9;</D:displayname></D:prop></D:propfind>"#
            ),
            (
                "PROPPATCH", "/dav/home/alice/calendar/",
                #"<D:propertyupdate xmlns:D="DAV:" xmlns:Z="urn:z"><D:set><D:prop><Z:note>&xxe;&lol9;</Z:note></D:prop></D:set></D:propertyupdate>"#
            ),
            (
                "REPORT", "/dav/home/alice/calendar/",
                #"<C:calendar-multiget xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><D:getetag/></D:prop><D:href>&xxe;&lol9;</D:href></C:calendar-multiget>"#
            ),
            (
                "LOCK", "/dav/home/alice/secret.txt",
                #"<D:lockinfo xmlns:D="DAV:"><D:lockscope><D:exclusive/></D:lockscope><D:locktype><D:write/></D:locktype><D:owner>&xxe;&lol9;</D:owner></D:lockinfo>"#
            ),
            (
                "MKCALENDAR", "/dav/home/alice/xxe/",
                #"<C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:set><D:prop><D:displayname>&xxe;&lol9;</D:displayname></D:prop></D:set></C:mkcalendar>"#
            ),
        ]
        for prologue in prologues {
            for (method, path, body) in bodies {
                let clock = ContinuousClock()
                let started = clock.now
                let response = try server.request(method, path, auth: alice, body: prologue + body)
                #expect(
                    [400, 403].contains(response.status),
                    "\(method) with \(prologue.prefix(30)) → \(response.status)"
                )
                #expect(!response.text.contains("root:"), "\(method): /etc/passwd leaked")
                #expect(!response.text.contains("lollollol"), "\(method): entities expanded")
                #expect(clock.now - started < .seconds(2))
            }
        }
        #expect(try server.request("GET", "/dav/home/alice/xxe/", auth: alice).status == 404)
        #expect(try aliceState(server) == before)
        // An XInclude element is not processed: it is stored and returned as the literal element.
        let xinclude = try server.request(
            "PROPPATCH",
            "/dav/home/alice/contacts/",
            auth: alice,
            body: """
                <D:propertyupdate xmlns:D="DAV:" xmlns:Z="urn:z"><D:set><D:prop><Z:inc><xi:include \
                xmlns:xi="http://www.w3.org/2001/XInclude" href="file:///etc/passwd" parse="text"/></Z:inc>\
                </D:prop></D:set></D:propertyupdate>
                """
        )
        #expect(xinclude.status == 207)
        let read = try server.request(
            "PROPFIND",
            "/dav/home/alice/contacts/",
            auth: alice,
            headers: ["Depth: 0"],
            body: #"<D:propfind xmlns:D="DAV:" xmlns:Z="urn:z"><D:prop><Z:inc/></D:prop></D:propfind>"#
        )
        #expect(read.text.contains("file:///etc/passwd"))
        #expect(!read.text.contains("root:"))
    }

    @Test("element and attribute names that are not UTF-8 are refused with 400 and do not crash the server")
    func nonUTF8NamesAreRefused() throws {
        let server = try seededServer()
        let before = try aliceState(server)
        let bodies: [(method: String, path: String, prefix: String, bad: [UInt8], suffix: String)] = [
            ("PROPFIND", "/dav/home/alice/", #"<D:propfind xmlns:D="DAV:"><"#, [0xE7], ":prop/></D:propfind>"),
            (
                "REPORT", "/dav/home/alice/calendar/",
                #"<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><"#, [0xE7],
                #":filter><C:comp-filter name="VCALENDAR"/></C:filter></C:calendar-query>"#
            ),
            (
                "PROPPATCH", "/dav/home/alice/calendar/",
                #"<D:propertyupdate xmlns:D="DAV:"><D:set><D:prop><D:n"#, [0xFF, 0xC0],
                "x/></D:prop></D:set></D:propertyupdate>"
            ),
            (
                "PROPFIND", "/dav/home/alice/", #"<D:propfind xmlns:D="DAV:" "#, [0xC3, 0x28],
                #"="1"><D:allprop/></D:propfind>"#
            ),
            ("PROPFIND", "/dav/home/alice/", "<", [0xFA, 0, 0, 0, 0, 0, 0, 0], "<"),
        ]
        for body in bodies {
            let bytes = Array(body.prefix.utf8) + body.bad + Array(body.suffix.utf8)
            let client = try RawHTTPClient(port: server.port)
            try client.send(
                Array(
                    "\(body.method) \(body.path) HTTP/1.1\r\nHost: x\r\nAuthorization: \(alice)\r\nDepth: 0\r\nContent-Length: \(bytes.count)\r\n\r\n"
                        .utf8
                ) + bytes
            )
            #expect(try client.readResponse().status == 400, "\(body.method) with \(body.bad)")
            #expect(try server.request("GET", "/health", auth: alice).status == 200, "the server must survive")
        }
        #expect(try aliceState(server) == before)
    }

    @Test("XML nested 100,000 levels deep is refused with 400 and the server keeps serving")
    func deeplyNestedXMLIsRefused() throws {
        let server = try seededServer()
        let before = try aliceState(server)
        let depth = 100_000
        let nested = String(repeating: "<D:x>", count: depth) + String(repeating: "</D:x>", count: depth)
        let cases: [(String, String, String)] = [
            (
                "PROPFIND", "/dav/home/alice/",
                #"<D:propfind xmlns:D="DAV:"><D:prop>"# + nested + "</D:prop></D:propfind>"
            ),
            (
                "PROPPATCH", "/dav/home/alice/calendar/",
                #"<D:propertyupdate xmlns:D="DAV:"><D:set><D:prop><D:y>"# + nested
                    + "</D:y></D:prop></D:set></D:propertyupdate>"
            ),
            (
                "REPORT", "/dav/home/alice/calendar/",
                #"<D:sync-collection xmlns:D="DAV:"><D:sync-token/><D:prop>"# + nested + "</D:prop></D:sync-collection>"
            ),
            ("PROPFIND", "/dav/home/alice/", String(repeating: "<D:x xmlns:D=\"DAV:\">", count: depth)),
        ]
        for (method, path, body) in cases {
            let clock = ContinuousClock()
            let started = clock.now
            let response = try server.request(method, path, auth: alice, headers: ["Depth: 0"], body: body)
            #expect(response.status == 400, "\(method) → \(response.status)")
            #expect(clock.now - started < .seconds(5))
        }
        #expect(try server.request("GET", "/health", auth: alice).status == 200)
        #expect(try aliceState(server) == before)
    }

    @Test("a calendar-query filter nested 10,000 deep is refused quickly; one at the depth limit is answered")
    func deeplyNestedFilterIsBounded() throws {
        let server = try seededServer()
        func query(depth: Int) throws -> (RawResponse, Duration) {
            let open = String(repeating: #"<C:comp-filter name="VEVENT">"#, count: depth)
            let close = String(repeating: "</C:comp-filter>", count: depth)
            let clock = ContinuousClock()
            let started = clock.now
            let response = try server.request(
                "REPORT",
                "/dav/home/alice/calendar/",
                auth: alice,
                headers: ["Depth: 1"],
                body: """
                    <C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><D:getetag/>\
                    </D:prop><C:filter><C:comp-filter name="VCALENDAR">\(open)\(close)</C:comp-filter></C:filter>\
                    </C:calendar-query>
                    """
            )
            return (response, clock.now - started)
        }
        let (deep, deepTime) = try query(depth: 10_000)
        #expect(deep.status == 400)
        #expect(deepTime < .seconds(2))
        let (limit, limitTime) = try query(depth: 55)
        #expect([207, 403].contains(limit.status), "\(limit.status)")
        #expect(limitTime < .seconds(2))
        let (prop, _) = try query(depth: 0)
        #expect(prop.status == 207)
    }

    @Test("PROPPATCH with 10,000 properties is answered, and over the XML body limit refused with 413")
    func proppatchWithManyProperties() throws {
        let server = try seededServer(extraArguments: ["--set", "limits.max_xml_body=1048576"])
        func update(_ count: Int, prefix: String) -> String {
            let properties = (0..<count).map { "<Z:\(prefix)\($0)>v\($0)</Z:\(prefix)\($0)>" }.joined()
            return #"<D:propertyupdate xmlns:D="DAV:" xmlns:Z="urn:z"><D:set><D:prop>"# + properties
                + "</D:prop></D:set></D:propertyupdate>"
        }
        let clock = ContinuousClock()
        let started = clock.now
        let accepted = try server.request(
            "PROPPATCH",
            "/dav/home/alice/secret.txt",
            auth: alice,
            body: update(10_000, prefix: "p")
        )
        let elapsed = clock.now - started
        #expect(accepted.status == 207)
        #expect(accepted.text.components(separatedBy: "HTTP/1.1 200 OK").count == 2)
        #expect(elapsed < .seconds(10), "\(elapsed)")
        let read = try server.request(
            "PROPFIND",
            "/dav/home/alice/secret.txt",
            auth: alice,
            headers: ["Depth: 0"],
            body: #"<D:propfind xmlns:D="DAV:" xmlns:Z="urn:z"><D:prop><Z:p9999/></D:prop></D:propfind>"#
        )
        #expect(read.text.contains("v9999"))
        let before = try aliceState(server)
        let refused = try server.request(
            "PROPPATCH",
            "/dav/home/alice/calendar/",
            auth: alice,
            body: update(60_000, prefix: "q")
        )
        #expect(refused.status == 413)
        #expect(try aliceState(server) == before)
    }

    // MARK: - Cross-user access

    @Test("user B gets 403 or 404 for every method on user A's resources and A's data is unchanged")
    func crossUserAccessIsRefusedForEveryMethod() throws {
        let server = try seededServer()
        let before = try aliceState(server)
        let lockBody = Self.lockBody
        let requests: [(method: String, path: String, headers: [String], body: String)] = [
            ("GET", "/dav/home/alice/secret.txt", [], ""),
            ("GET", "/dav/home/alice/", [], ""),
            ("GET", "/dav/home/alice/calendar/a.ics", [], ""),
            ("HEAD", "/dav/home/alice/secret.txt", [], ""),
            ("PUT", "/dav/home/alice/secret.txt", [], "overwritten"),
            ("PUT", "/dav/home/alice/new.txt", [], "planted"),
            (
                "PUT", "/dav/home/alice/calendar/b.ics", ["Content-Type: text/calendar"],
                CalDAVEndToEndTests.event(uid: "b")
            ),
            ("DELETE", "/dav/home/alice/secret.txt", [], ""),
            ("DELETE", "/dav/home/alice/calendar/", [], ""),
            ("PROPFIND", "/dav/home/alice/", ["Depth: 1"], ""),
            ("PROPFIND", "/dav/home/alice/calendar/", ["Depth: 1"], ""),
            ("PROPFIND", "/dav/home/alice/calendar/a.ics", ["Depth: 0"], ""),
            (
                "PROPPATCH", "/dav/home/alice/calendar/", [],
                #"<D:propertyupdate xmlns:D="DAV:" xmlns:Z="urn:z"><D:set><D:prop><Z:note>bob</Z:note></D:prop></D:set></D:propertyupdate>"#
            ),
            ("MKCOL", "/dav/home/alice/bobdir/", [], ""),
            ("MKCALENDAR", "/dav/home/alice/bobcal/", [], ""),
            ("COPY", "/dav/home/alice/secret.txt", ["Destination: /dav/home/alice/copy.txt"], ""),
            ("COPY", "/dav/home/alice/secret.txt", ["Destination: /dav/home/bob/copy.txt"], ""),
            ("COPY", "/dav/home/bob/mine.txt", ["Destination: /dav/home/alice/secret.txt"], ""),
            ("MOVE", "/dav/home/alice/secret.txt", ["Destination: /dav/home/bob/moved.txt"], ""),
            ("MOVE", "/dav/home/alice/calendar/", ["Destination: /dav/home/bob/cal2/"], ""),
            ("MOVE", "/dav/home/bob/mine.txt", ["Destination: /dav/home/alice/secret.txt"], ""),
            ("LOCK", "/dav/home/alice/secret.txt", ["Timeout: Second-600"], lockBody),
            ("LOCK", "/dav/home/alice/locknull.txt", ["Timeout: Second-600"], lockBody),
            ("LOCK", "/dav/home/alice/", ["Depth: infinity"], lockBody),
            (
                "UNLOCK", "/dav/home/alice/secret.txt", ["Lock-Token: <urn:uuid:00000000-0000-0000-0000-000000000000>"],
                ""
            ),
            (
                "REPORT", "/dav/home/alice/calendar/", [],
                #"<sync-collection xmlns="DAV:"><sync-token/><prop><getetag/></prop></sync-collection>"#
            ),
            (
                "REPORT", "/dav/home/alice/calendar/", ["Depth: 1"],
                #"<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><C:calendar-data/></D:prop><C:filter><C:comp-filter name="VCALENDAR"/></C:filter></C:calendar-query>"#
            ),
            (
                "REPORT", "/dav/home/alice/calendar/", [],
                #"<C:calendar-multiget xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><C:calendar-data/></D:prop><D:href>/dav/home/alice/calendar/a.ics</D:href></C:calendar-multiget>"#
            ),
            (
                "REPORT", "/dav/home/alice/calendar/", [],
                #"<C:free-busy-query xmlns:C="urn:ietf:params:xml:ns:caldav"><C:time-range start="20260101T000000Z" end="20270101T000000Z"/></C:free-busy-query>"#
            ),
            (
                "REPORT", "/dav/home/alice/contacts/", ["Depth: 1"],
                #"<CR:addressbook-query xmlns:D="DAV:" xmlns:CR="urn:ietf:params:xml:ns:carddav"><D:prop><CR:address-data/></D:prop></CR:addressbook-query>"#
            ),
            ("GET", "/dav/home/%61lice/secret.txt", [], ""),
            ("PUT", "/dav/home/ALICE/planted.txt", [], "x"),
        ]
        for request in requests {
            let response = try server.request(
                request.method,
                request.path,
                auth: bob,
                headers: request.headers,
                body: request.body
            )
            #expect(
                [403, 404].contains(response.status),
                "\(request.method) \(request.path) as bob → \(response.status)"
            )
            expectNoLeak(response, "\(request.method) \(request.path)")
        }
        #expect(try aliceState(server) == before)
        #expect(try server.request("GET", "/dav/home/bob/mine.txt", auth: bob).text == "bob's file")
        for stolen in ["copy.txt", "moved.txt", "cal2/"] {
            #expect(try server.request("GET", "/dav/home/bob/\(stolen)", auth: bob).status == 404)
        }
        // Alice's file is not locked by any of bob's attempts.
        #expect(try server.request("PUT", "/dav/home/alice/secret.txt", auth: alice, body: Self.secret).status == 204)
    }

    // MARK: - Injection through property values

    @Test("a dead property with CR, LF and closing markup round-trips escaped without breaking XML or headers")
    func propertyValuesCannotInject() throws {
        let server = try seededServer()
        let hostile = "line1&#13;&#10;X-Injected: yes&#13;&#10;&#13;&#10;&lt;/D:prop&gt;&lt;/D:propstat&gt;]]&gt;&amp;"
        let update = try server.request(
            "PROPPATCH",
            "/dav/home/alice/secret.txt",
            auth: alice,
            body: """
                <D:propertyupdate xmlns:D="DAV:" xmlns:Z="urn:z"><D:set><D:prop><Z:note a="q&quot;&#10;&lt;x&gt;">\
                \(hostile)</Z:note><D:displayname>&lt;script&gt;alert(1)&lt;/script&gt;&#13;&#10;Set-Cookie: x=1\
                </D:displayname></D:prop></D:set></D:propertyupdate>
                """
        )
        #expect(update.status == 207)
        let read = try server.request(
            "PROPFIND",
            "/dav/home/alice/secret.txt",
            auth: alice,
            headers: ["Depth: 0"],
            body: #"<D:propfind xmlns:D="DAV:" xmlns:Z="urn:z"><D:prop><Z:note/><D:displayname/></D:prop></D:propfind>"#
        )
        #expect(read.status == 207)
        #expect(read.header("x-injected") == nil)
        #expect(read.header("set-cookie") == nil)
        #expect(read.text.contains("&lt;/D:prop&gt;&lt;/D:propstat&gt;]]&gt;&amp;"))
        #expect(read.text.contains("&lt;script&gt;"))
        #expect(!read.text.contains("<script>"))
        #expect(read.text.contains("line1&#13;\nX-Injected: yes&#13;\n&#13;\n"), "CR must survive as &#13;")
        #expect(read.text.contains(#"a="q&quot;&#10;&lt;x&gt;""#), "LF in an attribute must survive as &#10;")
        let parser = XMLParser(data: Data(read.body))
        #expect(parser.parse(), "the multistatus must stay well-formed")
        // The HTML listing of the home escapes the display name and member names too.
        #expect(
            try server.request("PUT", "/dav/home/alice/%3Cscript%3E.txt", auth: alice, body: "x").status == 201
        )
        let listing = try server.request("GET", "/dav/home/alice/", auth: alice)
        #expect(!listing.text.contains("<script>"))
        #expect(listing.header("x-injected") == nil)
    }

    // MARK: - Recurrence bombs

    @Test("recurrence bombs are stored or refused, and expanding them over a year answers quickly and bounded")
    func recurrenceBombsAreBounded() throws {
        let server = try seededServer(extraArguments: ["--set", "caldav.max_instances=10000"])
        let rules = [
            "FREQ=SECONDLY",
            "FREQ=SECONDLY;BYSECOND=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29",
            "FREQ=MINUTELY;BYSETPOS=1,-1,2,-2,3,-3;BYSECOND=0,15,30,45",
            "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
            "FREQ=YEARLY;BYSETPOS=366;BYYEARDAY=1,2,3;BYDAY=MO",
            "FREQ=DAILY;BYHOUR=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23;BYMINUTE=0,10,20,30,40,50;BYSECOND=0,10,20,30,40,50",
            "FREQ=MONTHLY;BYDAY=-1FR;BYMONTHDAY=13;BYSETPOS=-1",
        ]
        var stored = 0
        for (index, rule) in rules.enumerated() {
            let body = CalDAVEndToEndTests.event(uid: "bomb-\(index)", start: "20260101T000000Z", summary: "bomb")
                .replacingOccurrences(of: "DURATION:PT1H\r\n", with: "DURATION:PT1S\r\nRRULE:\(rule)\r\n")
            let put = try server.request(
                "PUT",
                "/dav/home/alice/calendar/bomb-\(index).ics",
                auth: alice,
                headers: ["Content-Type: text/calendar"],
                body: body
            )
            #expect([201, 403].contains(put.status), "\(rule) → \(put.status)")
            if put.status == 201 { stored += 1 }
        }
        #expect(stored > 0)
        let queries = [
            """
            <C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><D:getetag/>\
            <C:calendar-data><C:expand start="20260101T000000Z" end="20270101T000000Z"/></C:calendar-data></D:prop>\
            <C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT"><C:time-range \
            start="20260101T000000Z" end="20270101T000000Z"/></C:comp-filter></C:comp-filter></C:filter>\
            </C:calendar-query>
            """,
            """
            <C:free-busy-query xmlns:C="urn:ietf:params:xml:ns:caldav"><C:time-range start="20260101T000000Z" \
            end="20270101T000000Z"/></C:free-busy-query>
            """,
            """
            <C:calendar-multiget xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><C:calendar-data>\
            <C:limit-recurrence-set start="20260101T000000Z" end="20270101T000000Z"/></C:calendar-data></D:prop>\
            <D:href>/dav/home/alice/calendar/bomb-0.ics</D:href></C:calendar-multiget>
            """,
        ]
        for query in queries {
            let clock = ContinuousClock()
            let started = clock.now
            let response = try server.request(
                "REPORT",
                "/dav/home/alice/calendar/",
                auth: alice,
                headers: ["Depth: 1"],
                body: query
            )
            let elapsed = clock.now - started
            #expect([207, 200, 403, 507].contains(response.status), "\(response.status)")
            #expect(elapsed < .seconds(10), "\(elapsed)")
            #expect(response.body.count < 64 << 20)
        }
        #expect(try server.request("GET", "/health", auth: alice).status == 200)
    }
}
