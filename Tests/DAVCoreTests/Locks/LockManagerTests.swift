import DAVCore
import DAVXML
import HTTPWire
import Testing

@Suite("LockManager and ActiveLock (RFC 4918 §6, §10.7)")
struct LockManagerTests {
    private func manager(max: Int64 = 3600) -> LockManager {
        let clock = TestClock()
        return LockManager(backend: InMemoryLockBackend(clock: clock), maxTimeout: max, clock: { clock.now })
    }

    @Test(
        "§10.7: the first usable Timeout wins, capped; absent or unreadable means the maximum",
        arguments: [
            (nil, 3600), ("Second-60", 60), ("Infinite", 3600), ("Second-99999", 3600), ("Infinite, Second-5", 3600),
            ("Bogus, Second-5", 5), ("second-0", 1), ("Second-x", 3600),
        ] as [(String?, Int64)]
    )
    func timeouts(value: String?, expected: Int64) {
        var headers = HTTPHeaders()
        if let value { headers.add(name: "Timeout", value: value) }
        #expect(manager().grantedTimeout(headers) == expected)
    }

    @Test("§6.5: tokens are distinct urn:uuid version-4 URIs")
    func tokens() {
        let tokens = Set((0..<100).map { _ in LockManager.makeToken() })
        #expect(tokens.count == 100)
        for token in tokens {
            #expect(token.hasPrefix("urn:uuid:"))
            let uuid = Array(token.dropFirst(9))
            #expect(uuid.count == 36)
            #expect(uuid[14] == "4")
            #expect("89ab".contains(uuid[19]))
        }
    }

    @Test("§6.1: the scope of a lock is its root, and for Depth infinity everything below")
    func covers() {
        let root = DAVPath(encoded: "/c/")!
        let deep = ActiveLock(
            token: "urn:uuid:1",
            root: root,
            isDeep: true,
            scope: .shared,
            owner: nil,
            principal: Principal(name: "alice"),
            created: 0,
            expires: 10
        )
        var shallow = deep
        shallow.isDeep = false
        let member = DAVPath(encoded: "/c/x/y")!
        #expect(deep.covers(member) && deep.covers(root))
        #expect(!shallow.covers(member) && shallow.covers(root))
        #expect(!deep.covers(DAVPath(encoded: "/cc")!))
        #expect(deep.isCompatible(with: shallow))
        shallow.scope = .exclusive
        #expect(!deep.isCompatible(with: shallow))
    }

    @Test("a conflicting lock is refused with 423 no-conflicting-lock and not stored")
    func conflict() throws {
        let manager = manager()
        let alice = Principal(name: "alice")
        let root = DAVPath(encoded: "/c/")!
        _ = try manager.lock(root, isDeep: false, scope: .exclusive, owner: nil, timeout: 60, as: alice)
        #expect {
            try manager.lock(root, isDeep: false, scope: .shared, owner: nil, timeout: 60, as: alice)
        } throws: { error in
            (error as? DAVError)?.condition?.name == "no-conflicting-lock"
        }
        #expect(try manager.locks(covering: root, as: alice).count == 1)
    }
}
