import Auth
import Foundation
import Testing

/// Windows clients qualify user names (`DOMAIN\user`, `user@host`); the authenticator falls back to the plain
/// name only when the qualified one is not a user.
@Suite struct QualifiedUserNameTests {
    private let sha512Hash =
        "$6$kalendsSalt$tUjKueARsYYmkCqucANVCX/zo9OZcGhsFJGOcmHCTTguSXg6V9x9cj.2leAcfDvgQJ4V/q2YJtaWqmr3CZ8lf."

    private func basic(_ user: String, _ password: String) -> String {
        "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
    }

    @Test(
        "DOMAIN\\user and user@host authenticate as user",
        arguments: ["WORKGROUP\\alice", "CORP\\SUB\\alice", "alice@fileserver", "alice@example.com"]
    )
    func qualifiedNamesResolveToTheUser(name: String) {
        let authenticator = Authenticator(directory: MemoryDirectory(["alice": sha512Hash]))
        #expect(
            authenticator.authenticate(authorizationHeader: basic(name, "correct horse"), clientAddress: "a")
                == .authenticated(user: "alice")
        )
    }

    @Test("a user whose name contains @ signs in as that user, not as the part before it")
    func existingQualifiedUserWins() {
        let directory = MemoryDirectory(["alice@example.com": sha512Hash, "alice": "!"])
        let authenticator = Authenticator(directory: directory)
        #expect(
            authenticator.authenticate(
                authorizationHeader: basic("alice@example.com", "correct horse"),
                clientAddress: "a"
            )
                == .authenticated(user: "alice@example.com")
        )
    }

    @Test("empty user parts and unknown users are rejected", arguments: ["WORKGROUP\\", "@host", "DOMAIN\\bob"])
    func emptyOrUnknownUserPartsAreRejected(name: String) {
        let authenticator = Authenticator(directory: MemoryDirectory(["alice": sha512Hash]))
        #expect(
            authenticator.authenticate(authorizationHeader: basic(name, "correct horse"), clientAddress: "a")
                == .rejected
        )
    }
}
