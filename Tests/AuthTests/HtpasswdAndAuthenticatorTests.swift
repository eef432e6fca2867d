import Auth
import Foundation
import Testing

/// A directory backed by a mutable dictionary; `@unchecked Sendable` as all access to
/// `users` goes through `lock`.
final class MemoryDirectory: UserDirectory, @unchecked Sendable {
    private let lock = NSLock()
    private var users: [String: String]
    init(_ users: [String: String]) { self.users = users }
    func passwordHash(forUser name: String) throws -> String? { lock.withLock { users[name] } }
    func set(_ name: String, _ hash: String?) { lock.withLock { users[name] = hash } }
}

private let sha512Hash =
    "$6$kalendsSalt$tUjKueARsYYmkCqucANVCX/zo9OZcGhsFJGOcmHCTTguSXg6V9x9cj.2leAcfDvgQJ4V/q2YJtaWqmr3CZ8lf."
private let bcryptHash = "$2y$05$abcdefghijklmnopqrstuuHNbAKRhpaujgo33bRWs.NLUTJO3lOy2"

private func basic(_ user: String, _ password: String) -> String {
    "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
}

@Suite struct HtpasswdTests {
    @Test func parsesAndReloads() throws {
        let path = NSTemporaryDirectory() + "htpasswd-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: path) }
        try """
        # comment
        alice:\(sha512Hash)
        bob:\(bcryptHash)

        carol:$apr1$abcdefgh$h9FWgUz3n9YxylKLlR5SQ/
        dave:{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=
        malformed line
        alice:$6$other$ignored
        """.write(toFile: path, atomically: true, encoding: .utf8)
        let file = try HtpasswdFile(path: path)
        #expect(try file.passwordHash(forUser: "alice") == sha512Hash)
        #expect(try file.passwordHash(forUser: "bob") == bcryptHash)
        #expect(try file.passwordHash(forUser: "carol") == nil)
        #expect(try file.passwordHash(forUser: "nobody") == nil)
        #expect(file.unsupportedUsers == ["carol", "dave"])
        let authenticator = Authenticator(directory: file)
        #expect(
            authenticator.authenticate(authorizationHeader: basic("bob", "correct horse"), clientAddress: "x")
                == .authenticated(user: "bob")
        )
        #expect(
            authenticator.authenticate(authorizationHeader: basic("carol", "secret"), clientAddress: "y") == .rejected
        )

        try "erin:\(sha512Hash)\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try file.passwordHash(forUser: "erin") == sha512Hash)
        #expect(try file.passwordHash(forUser: "alice") == nil)
        #expect(file.unsupportedUsers.isEmpty)
        try FileManager.default.removeItem(atPath: path)
        #expect(throws: AuthError.self) { _ = try file.passwordHash(forUser: "erin") }
        #expect(throws: AuthError.self) { _ = try HtpasswdFile(path: path) }
    }
}

@Suite struct AuthenticatorTests {
    @Test func acceptsRejectsAndThrottles() {
        let directory = MemoryDirectory(["alice": sha512Hash])
        let authenticator = Authenticator(directory: directory, throttle: LoginThrottle(freeAttempts: 3))
        #expect(
            authenticator.authenticate(authorizationHeader: basic("alice", "correct horse"), clientAddress: "a")
                == .authenticated(user: "alice")
        )
        #expect(authenticator.authenticate(authorizationHeader: nil, clientAddress: "b") == .rejected)
        #expect(
            authenticator.authenticate(authorizationHeader: basic("alice", "wrong"), clientAddress: "b") == .rejected
        )
        #expect(authenticator.authenticate(authorizationHeader: basic("nobody", "x"), clientAddress: "b") == .rejected)
        #expect(authenticator.authenticate(authorizationHeader: "Basic ???", clientAddress: "b") == .rejected)
        #expect(
            authenticator.authenticate(authorizationHeader: basic("alice", "correct horse"), clientAddress: "b")
                == .throttled
        )
        #expect(
            authenticator.authenticate(authorizationHeader: basic("alice", "correct horse"), clientAddress: "a")
                == .authenticated(user: "alice")
        )
    }

    @Test func cacheMakesRepeatFast() throws {
        let hash = try PasswordHasher(prefix: "$y$").hash("pw")
        let directory = MemoryDirectory(["alice": hash])
        let authenticator = Authenticator(directory: directory)
        let header = basic("alice", "pw")
        let first = Date()
        #expect(
            authenticator.authenticate(authorizationHeader: header, clientAddress: "a") == .authenticated(user: "alice")
        )
        let slow = Date().timeIntervalSince(first)
        let second = Date()
        for _ in 0..<100 {
            #expect(
                authenticator.authenticate(authorizationHeader: header, clientAddress: "a")
                    == .authenticated(user: "alice")
            )
        }
        let fast = Date().timeIntervalSince(second) / 100
        print("yescrypt verify \(Int(slow * 1e3)) ms, cached \(Int(fast * 1e6)) µs")
        #expect(fast * 10 < slow)
        #expect(
            authenticator.authenticate(authorizationHeader: basic("alice", "wrong"), clientAddress: "a") == .rejected
        )
    }

    @Test func cacheRespectsHashChangeInvalidationAndLifetime() throws {
        let directory = MemoryDirectory(["alice": sha512Hash])
        let authenticator = Authenticator(directory: directory, cacheLifetime: 60)
        let now = Date()
        let header = basic("alice", "correct horse")
        #expect(
            authenticator.authenticate(authorizationHeader: header, clientAddress: "a", now: now)
                == .authenticated(user: "alice")
        )
        let newHash = try PasswordHasher(prefix: "$6$").hash("new password")
        directory.set("alice", newHash)
        #expect(authenticator.authenticate(authorizationHeader: header, clientAddress: "a", now: now) == .rejected)
        #expect(
            authenticator.authenticate(
                authorizationHeader: basic("alice", "new password"),
                clientAddress: "a",
                now: now
            ) == .authenticated(user: "alice")
        )
        authenticator.invalidate(user: "alice")
        directory.set("alice", nil)
        #expect(
            authenticator.authenticate(
                authorizationHeader: basic("alice", "new password"),
                clientAddress: "a",
                now: now
            ) == .rejected
        )
        directory.set("alice", newHash)
        #expect(
            authenticator.authenticate(
                authorizationHeader: basic("alice", "new password"),
                clientAddress: "a",
                now: now + 61
            ) == .authenticated(user: "alice")
        )
    }

    @Test func concurrentAuthenticationsAreConsistent() async {
        let directory = MemoryDirectory(["alice": sha512Hash])
        let authenticator = Authenticator(directory: directory, throttle: LoginThrottle(freeAttempts: 1_000))
        let outcomes = await withTaskGroup(of: Authenticator.Outcome.self) { group in
            for index in 0..<16 {
                group.addTask {
                    let password = index.isMultiple(of: 2) ? "correct horse" : "wrong"
                    return authenticator.authenticate(
                        authorizationHeader: basic("alice", password),
                        clientAddress: "10.0.0.\(index)"
                    )
                }
            }
            var all: [Authenticator.Outcome] = []
            for await outcome in group { all.append(outcome) }
            return all
        }
        #expect(outcomes.filter { $0 == .authenticated(user: "alice") }.count == 8)
        #expect(outcomes.filter { $0 == .rejected }.count == 8)
    }
}
