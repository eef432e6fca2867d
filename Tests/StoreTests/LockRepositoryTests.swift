import Foundation
import Store
import Testing

@Suite("Locks in the store (RFC 4918 §6, §7.7)")
struct LockRepositoryTests {
    private let now = Date(timeIntervalSince1970: 1_800_000_000)

    private func record(
        _ token: String,
        _ path: String,
        deep: Bool = false,
        exclusive: Bool = true,
        lasting seconds: TimeInterval = 600
    ) -> LockRecord {
        LockRecord(
            token: token,
            user: "alice",
            path: path,
            isDeep: deep,
            isExclusive: exclusive,
            ownerXML: #"<D:owner xmlns:D="DAV:">me</D:owner>"#,
            created: now,
            expires: now.addingTimeInterval(seconds)
        )
    }

    private func tree() throws -> Fixture {
        let fixture = try Fixture()
        _ = try fixture.store.createCollection(at: "alice/docs", type: .plain)
        _ = try fixture.store.createCollection(at: "alice/docs/sub", type: .plain)
        try fixture.put("alice/docs/a.txt", "a")
        try fixture.put("alice/docs/sub/b.txt", "b")
        return fixture
    }

    @Test("a lock round-trips with its owner XML, depth, scope and whether its root is a collection")
    func roundTrip() throws {
        let fixture = try tree()
        try fixture.store.createLock(record("urn:uuid:1", "alice/docs", deep: true, exclusive: false)) { _ in }
        let found = try #require(try fixture.store.lock(token: "urn:uuid:1", now: now))
        var expected = record("urn:uuid:1", "alice/docs", deep: true, exclusive: false)
        expected.isCollection = true
        #expect(found == expected)
    }

    @Test("locks along a path: the path and its ancestors at any depth, descendants on request")
    func along() throws {
        let fixture = try tree()
        try fixture.store.createLock(record("urn:uuid:home", "alice")) { _ in }
        try fixture.store.createLock(record("urn:uuid:docs", "alice/docs", deep: true)) { _ in }
        try fixture.store.createLock(record("urn:uuid:b", "alice/docs/sub/b.txt")) { _ in }
        try fixture.store.createLock(record("urn:uuid:other", "alice/docsx")) { _ in }
        let shallow = try fixture.store.locks(along: "alice/docs/sub", includingDescendants: false, now: now)
        #expect(shallow.map(\.token) == ["urn:uuid:docs", "urn:uuid:home"])
        let deep = try fixture.store.locks(along: "alice/docs/sub", includingDescendants: true, now: now)
        #expect(Set(deep.map(\.token)) == ["urn:uuid:home", "urn:uuid:docs", "urn:uuid:b"])
    }

    @Test("a lock taken after a check that found none is found by the next check, and one refreshed stays found")
    func lockAfterLockFreeCheck() throws {
        let fixture = try tree()
        let current = Date()
        #expect(try fixture.store.locks(along: "alice/docs/a.txt", includingDescendants: false, now: current).isEmpty)
        #expect(try fixture.store.locks(along: "alice/docs/a.txt", includingDescendants: false).isEmpty)
        var lock = record("urn:uuid:later", "alice/docs", deep: true)
        lock.created = current
        lock.expires = current.addingTimeInterval(600)
        try fixture.store.createLock(lock) { _ in }
        let found = try fixture.store.locks(along: "alice/docs/a.txt", includingDescendants: false)
        #expect(found.map(\.token) == ["urn:uuid:later"])
        _ = try fixture.store.refreshLock(token: "urn:uuid:later", expires: current.addingTimeInterval(1200))
        #expect(try fixture.store.locks(along: "alice/docs", includingDescendants: false).count == 1)
        #expect(try fixture.store.removeLock(token: "urn:uuid:later"))
        #expect(try fixture.store.locks(along: "alice/docs", includingDescendants: false).isEmpty)
    }

    @Test("createLock runs the check inside the transaction; a throwing check stores nothing")
    func checkRefuses() throws {
        let fixture = try tree()
        try fixture.store.createLock(record("urn:uuid:1", "alice/docs/a.txt")) { existing in
            #expect(existing.isEmpty)
        }
        #expect(throws: TestAbort.self) {
            try fixture.store.createLock(record("urn:uuid:2", "alice/docs", deep: true)) { existing in
                #expect(existing.map(\.token) == ["urn:uuid:1"])
                throw TestAbort()
            }
        }
        #expect(try fixture.store.lock(token: "urn:uuid:2", now: now) == nil)
        #expect(throws: StoreError.alreadyExists("urn:uuid:1")) {
            try fixture.store.createLock(record("urn:uuid:1", "alice/docs")) { _ in }
        }
    }

    @Test("expired locks are invisible, and purged by the next lock write")
    func expiry() throws {
        let fixture = try tree()
        try fixture.store.createLock(record("urn:uuid:old", "alice/docs/a.txt", lasting: 10)) { _ in }
        let later = now.addingTimeInterval(11)
        #expect(try fixture.store.locks(along: "alice/docs/a.txt", includingDescendants: false, now: later).isEmpty)
        #expect(try fixture.store.lock(token: "urn:uuid:old", now: later) == nil)
        #expect(
            try fixture.store.refreshLock(token: "urn:uuid:old", expires: later.addingTimeInterval(60), now: later)
                == nil
        )
        #expect(try fixture.store.lock(token: "urn:uuid:old", now: now) == nil)
    }

    @Test("refresh sets a new expiry; remove deletes once")
    func refreshAndRemove() throws {
        let fixture = try tree()
        try fixture.store.createLock(record("urn:uuid:1", "alice/docs/a.txt", lasting: 10)) { _ in }
        let refreshed = try fixture.store.refreshLock(
            token: "urn:uuid:1",
            expires: now.addingTimeInterval(100),
            now: now
        )
        #expect(refreshed?.expires == now.addingTimeInterval(100))
        #expect(try fixture.store.removeLock(token: "urn:uuid:1", now: now))
        #expect(try !fixture.store.removeLock(token: "urn:uuid:1", now: now))
    }

    @Test("deleting a tree removes the locks rooted in it, and only those")
    func deleteRemovesLocks() throws {
        let fixture = try tree()
        try fixture.store.createLock(record("urn:uuid:b", "alice/docs/sub/b.txt")) { _ in }
        try fixture.store.createLock(record("urn:uuid:a", "alice/docs/a.txt")) { _ in }
        try fixture.store.delete(at: "alice/docs/sub")
        #expect(try fixture.store.lock(token: "urn:uuid:b", now: now) == nil)
        #expect(try fixture.store.lock(token: "urn:uuid:a", now: now) != nil)
    }

    @Test("§7.7: MOVE leaves the source's locks behind (removed); an overwritten destination loses its locks")
    func moveDoesNotMoveLocks() throws {
        let fixture = try tree()
        try fixture.put("alice/target.txt", "t")
        try fixture.store.createLock(record("urn:uuid:src", "alice/docs/sub", deep: true)) { _ in }
        try fixture.store.createLock(record("urn:uuid:dst", "alice/target.txt")) { _ in }
        _ = try fixture.store.move(from: "alice/docs/sub", to: "alice/moved", overwrite: false)
        _ = try fixture.store.copy(from: "alice/docs/a.txt", to: "alice/target.txt", overwrite: true)
        #expect(try fixture.store.lock(token: "urn:uuid:src", now: now) == nil)
        #expect(try fixture.store.lock(token: "urn:uuid:dst", now: now) == nil)
        #expect(try fixture.store.locks(along: "alice/moved", includingDescendants: true, now: now).isEmpty)
    }

    @Test("locks survive reopening the store; deleting the user removes them")
    func persistence() throws {
        let fixture = try tree()
        try fixture.store.createLock(record("urn:uuid:1", "alice/docs")) { _ in }
        let reopened = try DataStore(directory: fixture.directory)
        #expect(try reopened.lock(token: "urn:uuid:1", now: now)?.path == "alice/docs")
        #expect(try reopened.check().isClean)
        try reopened.deleteUser(named: "alice")
        #expect(try reopened.lock(token: "urn:uuid:1", now: now) == nil)
    }

    @Test("a lock for an unknown user is refused")
    func unknownUser() throws {
        let fixture = try tree()
        var lock = record("urn:uuid:1", "alice/docs")
        lock.user = "nobody"
        #expect(throws: StoreError.notFound("nobody")) { try fixture.store.createLock(lock) { _ in } }
    }
}
