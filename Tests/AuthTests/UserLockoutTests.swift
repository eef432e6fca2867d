import Auth
import Foundation
import Testing

/// Guessing one user's password from many addresses: the user name is locked briefly, the user's own addresses
/// still get in, a new address does not even with credentials verified a moment ago, and unknown names are
/// locked the same way.
@Suite struct UserLockoutTests {
    private static let hash =
        "$6$kalendsSalt$tUjKueARsYYmkCqucANVCX/zo9OZcGhsFJGOcmHCTTguSXg6V9x9cj.2leAcfDvgQJ4V/q2YJtaWqmr3CZ8lf."
    private let now = Date(timeIntervalSince1970: 1_000_000)

    private func basic(_ user: String, _ password: String) -> String {
        "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
    }

    private func makeAuthenticator() -> Authenticator {
        Authenticator(
            directory: MemoryDirectory(["alice": Self.hash]),
            throttle: LoginThrottle(freeAttempts: 5),
            userThrottle: LoginThrottle(freeAttempts: 10, maxLockout: 60),
            cacheLifetime: 300
        )
    }

    /// Two wrong passwords from each of `addresses` distinct addresses, none of them reaching the address limit.
    private func guess(_ authenticator: Authenticator, user: String, addresses: Int) -> [Authenticator.Outcome] {
        (0..<addresses).flatMap { address in
            (0..<2).map { attempt in
                authenticator.authenticate(
                    authorizationHeader: basic(user, "guess-\(address)-\(attempt)"),
                    clientAddress: "10.1.0.\(address)",
                    now: now
                )
            }
        }
    }

    @Test func guessesFromManyAddressesLockTheUserNameForNewAddresses() {
        let authenticator = makeAuthenticator()
        let outcomes = guess(authenticator, user: "alice", addresses: 50)
        #expect(outcomes.prefix(10).allSatisfy { $0 == .rejected })
        #expect(outcomes.dropFirst(10).allSatisfy { $0 == .throttled })
        #expect(
            authenticator.authenticate(
                authorizationHeader: basic("alice", "correct horse"),
                clientAddress: "10.2.0.1",
                now: now
            ) == .throttled
        )
    }

    @Test func theUsersOwnAddressLogsInDuringTheLockout() {
        let authenticator = makeAuthenticator()
        let right = basic("alice", "correct horse")
        #expect(
            authenticator.authenticate(authorizationHeader: right, clientAddress: "192.0.2.7", now: now)
                == .authenticated(user: "alice")
        )
        _ = guess(authenticator, user: "alice", addresses: 50)
        #expect(
            authenticator.authenticate(authorizationHeader: right, clientAddress: "192.0.2.7", now: now)
                == .authenticated(user: "alice")
        )
        #expect(
            authenticator.authenticate(
                authorizationHeader: basic("alice", "wrong"),
                clientAddress: "192.0.2.7",
                now: now
            ) == .rejected
        )
        #expect(
            authenticator.authenticate(authorizationHeader: right, clientAddress: "192.0.2.8", now: now) == .throttled
        )
    }

    @Test func theUserLockoutLastsAtMostAMinute() {
        let authenticator = makeAuthenticator()
        let right = basic("alice", "correct horse")
        for round in 0..<20 {
            let later = now.addingTimeInterval(Double(round) * 61)
            for address in 0..<20 {
                _ = authenticator.authenticate(
                    authorizationHeader: basic("alice", "guess-\(round)-\(address)"),
                    clientAddress: "10.3.\(round).\(address)",
                    now: later
                )
            }
        }
        let afterAttack = now.addingTimeInterval(19 * 61)
        #expect(
            authenticator.authenticate(authorizationHeader: right, clientAddress: "10.4.0.1", now: afterAttack)
                == .throttled
        )
        #expect(
            authenticator.authenticate(
                authorizationHeader: right,
                clientAddress: "10.4.0.1",
                now: afterAttack.addingTimeInterval(61)
            ) == .authenticated(user: "alice")
        )
    }

    @Test func unknownUserNamesAreLockedLikeKnownOnes() {
        let authenticator = makeAuthenticator()
        let known = guess(authenticator, user: "alice", addresses: 10)
        let unknown = guess(authenticator, user: "nobody", addresses: 10)
        #expect(known.map { $0 == .throttled } == unknown.map { $0 == .throttled })
    }

    @Test func knownAddressesAreForgottenAfterTheirLifetimeAndBounded() {
        let known = KnownLoginAddresses(lifetime: 100, maxEntries: 10)
        known.record(user: "alice", address: "a", now: now)
        #expect(known.contains(user: "alice", address: "a", now: now.addingTimeInterval(100)))
        #expect(!known.contains(user: "alice", address: "a", now: now.addingTimeInterval(101)))
        #expect(!known.contains(user: "bob", address: "a", now: now))
        for index in 0..<1000 {
            known.record(user: "u\(index)", address: "a", now: now.addingTimeInterval(Double(index) / 100))
        }
        #expect(known.contains(user: "u999", address: "a", now: now.addingTimeInterval(10)))
        #expect(!known.contains(user: "u0", address: "a", now: now.addingTimeInterval(10)))
    }
}
