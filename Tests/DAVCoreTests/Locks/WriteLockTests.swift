import DAVCore
import HTTPWire
import Testing

@Suite("Writes under locks: If evaluation and lock-token submission (RFC 4918 §7, §10.4)")
struct WriteLockTests {
    @Test("§7.1: a write to a locked resource without its token is 423 lock-token-submitted naming the root")
    func writeNeedsToken() throws {
        let fixture = LockFixture()
        let token = fixture.lock("/c/a.txt", depth: "0")
        let refused = fixture.send(.put, "/c/a.txt", body: "x")
        #expect(refused.status == 423)
        #expect(refused.text.contains("<D:lock-token-submitted><D:href>/c/a.txt</D:href></D:lock-token-submitted>"))
        #expect(fixture.send(.proppatch, "/c/a.txt", body: Self.propertyUpdate).status == 423)
        #expect(fixture.send(.delete, "/c/a.txt").status == 423)
        #expect(fixture.send(.put, "/c/a.txt", headers: [("If", "(<\(token)>)")], body: "x").status == 204)
        let tagged = "<http://example.com/c/a.txt> (<\(token)>)"
        #expect(
            fixture.send(.proppatch, "/c/a.txt", headers: [("If", tagged)], body: Self.propertyUpdate).status == 207
        )
    }

    @Test("the token must be in a list that holds; a corrupted token beside (Not <DAV:no-lock>) is 423")
    func tokenInTrueList() {
        let fixture = LockFixture()
        let token = fixture.lock("/c/a.txt", depth: "0")
        let corrupt = fixture.send(.put, "/c/a.txt", headers: [("If", "(<\(token)x>) (Not <DAV:no-lock>)")], body: "x")
        #expect(corrupt.status == 423)
        let withNot = fixture.send(.put, "/c/a.txt", headers: [("If", "(<\(token)>) (Not <DAV:no-lock>)")], body: "x")
        #expect(withNot.status == 204)
    }

    @Test("§10.4: If is evaluated without locks too: a wrong entity tag or <DAV:no-lock> is 412")
    func ifWithoutLocks() {
        let fixture = LockFixture()
        #expect(fixture.send(.put, "/c/a.txt", headers: [("If", #"(["nope"])"#)], body: "x").status == 412)
        #expect(fixture.send(.put, "/c/a.txt", headers: [("If", "(<DAV:no-lock>)")], body: "x").status == 412)
        #expect(fixture.send(.put, "/c/a.txt", headers: [("If", #"(["v1"])"#)], body: "x").status == 204)
        #expect(fixture.send(.put, "/c/a.txt", headers: [("If", "(Not <DAV:no-lock>)")], body: "x").status == 204)
        #expect(fixture.send(.delete, "/c/a.txt", headers: [("If", "(bad")]).status == 400)
    }

    @Test("§7.4: a Depth-infinity lock on a collection protects new members, members and their members")
    func deepLockProtectsMembers() {
        let fixture = LockFixture()
        let token = fixture.lock("/c/")
        #expect(fixture.send(.put, "/c/new.txt", body: "x").status == 423)
        #expect(fixture.send(.put, "/c/sub/b.txt", body: "x").status == 423)
        #expect(fixture.send(.mkcol, "/c/folder/").status == 423)
        let response = fixture.send(.put, "/c/new.txt", headers: [("If", "</c/> (<\(token)>)")], body: "x")
        #expect(response.status == 201)
    }

    @Test("§7.4: a Depth-0 lock on a collection protects its membership, not its members' content")
    func shallowCollectionLock() {
        let fixture = LockFixture()
        _ = fixture.lock("/c/", depth: "0")
        #expect(fixture.send(.put, "/c/a.txt", body: "x").status == 204)
        #expect(fixture.send(.put, "/c/new.txt", body: "x").status == 423)
        #expect(fixture.send(.delete, "/c/a.txt").status == 423)
        #expect(fixture.send(.put, "/c/sub/new.txt", body: "x").status == 201)
    }

    @Test("§9.6.1: deleting a tree needs the tokens of locks inside it")
    func deleteTree() {
        let fixture = LockFixture()
        let token = fixture.lock("/c/sub/b.txt", depth: "0")
        let refused = fixture.send(.delete, "/c/")
        #expect(refused.status == 423)
        #expect(refused.text.contains("<D:href>/c/sub/b.txt</D:href>"))
        #expect(fixture.send(.delete, "/c/sub/", headers: [("If", "</c/sub/b.txt> (<\(token)>)")]).status == 204)
    }

    @Test("§9.9.4: MOVE needs the source's and the destination's tokens")
    func moveNeedsTokens() {
        let fixture = LockFixture()
        _ = fixture.lock("/c/sub/", depth: "0")
        let into = fixture.send(.move, "/c/a.txt", headers: [("Destination", "/c/sub/a.txt")])
        #expect(into.status == 423)
        #expect(into.text.contains("<D:href>/c/sub/</D:href>"))
    }

    @Test("§6.4: a token submitted by another principal does not unlock")
    func otherPrincipal() {
        let fixture = LockFixture()
        let token = fixture.lock("/c/a.txt", depth: "0")
        let response = fixture.send(
            .proppatch,
            "/c/a.txt",
            headers: [("If", "(<\(token)>)")],
            body: Self.propertyUpdate,
            user: "mallory"
        )
        #expect(response.status == 403 || response.status == 423)
    }

    static let propertyUpdate = #"""
        <D:propertyupdate xmlns:D="DAV:"><D:set><D:prop><x xmlns="urn:x">1</x></D:prop></D:set></D:propertyupdate>
        """#
}
