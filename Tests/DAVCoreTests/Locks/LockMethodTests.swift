import DAVCore
import DAVXML
import HTTPWire
import Testing

@Suite("LOCK and UNLOCK (RFC 4918 §9.10, §9.11)")
struct LockMethodTests {
    @Test("§9.10.1: a new lock answers 200 with Lock-Token and its lockdiscovery, owner verbatim")
    func createsLock() throws {
        let fixture = LockFixture()
        let response = fixture.send(
            .lock,
            "/c/a.txt",
            headers: [("Depth", "0"), ("Timeout", "Second-600")],
            body: LockFixture.lockInfo(owner: #"<D:owner><D:href>mailto:a@example.com</D:href></D:owner>"#)
        )
        #expect(response.status == 200)
        let token = try #require(response.headers["Lock-Token"])
        #expect(token.hasPrefix("<urn:uuid:") && token.hasSuffix(">") && token.count == 47)
        let prop = try XMLReader().parse(Array(response.text.utf8))
        let active = try #require(prop.child(.dav("lockdiscovery"))?.child(.dav("activelock")))
        #expect(active.child(.dav("lockscope"))?.child(.dav("exclusive")) != nil)
        #expect(active.child(.dav("depth"))?.text == "0")
        #expect(active.child(.dav("timeout"))?.text == "Second-600")
        #expect(active.child(.dav("owner"))?.child(.dav("href"))?.text == "mailto:a@example.com")
        #expect(active.child(.dav("locktoken"))?.child(.dav("href"))?.text == String(token.dropFirst().dropLast()))
        #expect(active.child(.dav("lockroot"))?.child(.dav("href"))?.text == "/c/a.txt")
    }

    @Test("§7.3: LOCK on an unmapped URL creates an empty locked resource, 201; a missing parent is 409")
    func unmappedURL() throws {
        let fixture = LockFixture()
        let response = fixture.send(.lock, "/c/new.txt", headers: [("Depth", "0")], body: LockFixture.lockInfo())
        #expect(response.status == 201)
        #expect(
            try fixture.files.resource(at: MemoryFileBackend.path("/c/new.txt"), as: Principal(name: "alice")) != nil
        )
        let orphan = fixture.send(.lock, "/missing/new.txt", body: LockFixture.lockInfo())
        #expect(orphan.status == 409)
        #expect(fixture.locks.all.count == 1)
    }

    @Test("§6.1: an exclusive lock conflicts with any other; shared locks coexist")
    func conflicts() throws {
        let fixture = LockFixture()
        #expect(!fixture.lock("/c/a.txt", scope: "shared").isEmpty)
        #expect(!fixture.lock("/c/a.txt", scope: "shared").isEmpty)
        let exclusive = fixture.send(.lock, "/c/a.txt", headers: [("Depth", "0")], body: LockFixture.lockInfo())
        #expect(exclusive.status == 423)
        #expect(exclusive.text.contains("<D:no-conflicting-lock><D:href>/c/a.txt</D:href></D:no-conflicting-lock>"))
    }

    @Test("a Depth-infinity lock on a collection conflicts with locks below it, and they with it")
    func deepConflicts() throws {
        let fixture = LockFixture()
        #expect(!fixture.lock("/c/sub/b.txt", depth: "0").isEmpty)
        #expect(fixture.lock("/c/").isEmpty)
        #expect(!fixture.lock("/c/", depth: "0").isEmpty)
        #expect(!fixture.lock("/c/sub/", depth: "0").isEmpty)
    }

    @Test("Depth 1 and bodies that are not a write lockinfo are 400")
    func badRequests() {
        let fixture = LockFixture()
        #expect(fixture.send(.lock, "/c/", headers: [("Depth", "1")], body: LockFixture.lockInfo()).status == 400)
        let read =
            #"<D:lockinfo xmlns:D="DAV:"><D:lockscope><D:shared/></D:lockscope><D:locktype><D:read/></D:locktype></D:lockinfo>"#
        #expect(fixture.send(.lock, "/c/a.txt", body: read).status == 400)
        #expect(fixture.send(.lock, "/c/a.txt", body: "<D:propfind xmlns:D=\"DAV:\"/>").status == 400)
        #expect(fixture.send(.lock, "/c/a.txt").status == 400)
    }

    @Test("§9.10.2: refresh by If token, also through a deep lock's member; timeouts are capped")
    func refresh() throws {
        let fixture = LockFixture(maxTimeout: 100)
        let token = fixture.lock("/c/")
        #expect(fixture.locks.all.first?.expires == fixture.clock.now + 100)
        fixture.clock.advance(by: 60)
        let response = fixture.send(
            .lock,
            "/c/sub/b.txt",
            headers: [("If", "(<\(token)>)"), ("Timeout", "Infinite, Second-4100000000")]
        )
        #expect(response.status == 200)
        #expect(response.text.contains("<D:timeout>Second-100</D:timeout>"))
        #expect(fixture.locks.all.first?.expires == fixture.clock.now + 100)
        #expect(fixture.send(.lock, "/c/a.txt", headers: [("If", "(<urn:uuid:other>)")]).status == 412)
    }

    @Test("locks expire: an expired lock neither blocks writes nor shows in lockdiscovery")
    func expiry() throws {
        let fixture = LockFixture()
        _ = fixture.send(.lock, "/c/a.txt", headers: [("Timeout", "Second-10")], body: LockFixture.lockInfo())
        #expect(fixture.send(.put, "/c/a.txt", body: "x").status == 423)
        fixture.clock.advance(by: 11)
        #expect(fixture.send(.put, "/c/a.txt", body: "x").status == 204)
        let found = fixture.send(
            .propfind,
            "/c/a.txt",
            headers: [("Depth", "0")],
            body: #"<D:propfind xmlns:D="DAV:"><D:prop><D:lockdiscovery/></D:prop></D:propfind>"#
        )
        #expect(found.text.contains("<D:lockdiscovery/>"))
    }

    @Test("§9.11: UNLOCK with the token is 204; a token not on the URL is 409 lock-token-matches-request-uri")
    func unlock() throws {
        let fixture = LockFixture()
        let token = fixture.lock("/c/")
        #expect(fixture.send(.unlock, "/c/a.txt", headers: [("Lock-Token", "<urn:uuid:bogus>")]).status == 409)
        #expect(fixture.send(.unlock, "/c/a.txt").status == 400)
        #expect(fixture.send(.unlock, "/c/sub/b.txt", headers: [("Lock-Token", "<\(token)>")]).status == 204)
        #expect(fixture.locks.all.isEmpty)
        #expect(fixture.send(.unlock, "/c/", headers: [("Lock-Token", "<\(token)>")]).status == 409)
    }

    @Test("only the principal who took a lock may remove it")
    func unlockByOwner() throws {
        let fixture = LockFixture()
        let token = fixture.lock("/c/a.txt")
        let response = fixture.send(.unlock, "/c/a.txt", headers: [("Lock-Token", "<\(token)>")], user: "bob")
        #expect(response.status == 403)
        #expect(fixture.locks.all.count == 1)
    }

    @Test("§15.8, §15.10: lockdiscovery lists the locks in scope; supportedlock offers exclusive and shared")
    func properties() throws {
        let fixture = LockFixture()
        let token = fixture.lock("/c/")
        let response = fixture.send(
            .propfind,
            "/c/",
            headers: [("Depth", "1")],
            body: #"<D:propfind xmlns:D="DAV:"><D:prop><D:lockdiscovery/><D:supportedlock/></D:prop></D:propfind>"#
        )
        let multistatus = try XMLReader().parse(Array(response.text.utf8))
        let responses = multistatus.children(named: .dav("response"))
        #expect(responses.count == 3)
        for item in responses {
            let prop = try #require(item.child(.dav("propstat"))?.child(.dav("prop")))
            let tokens = prop.child(.dav("lockdiscovery"))?.children(named: .dav("activelock")).compactMap {
                $0.child(.dav("locktoken"))?.child(.dav("href"))?.text
            }
            #expect(tokens == [token])
            #expect(prop.child(.dav("supportedlock"))?.children(named: .dav("lockentry")).count == 2)
        }
    }
}
