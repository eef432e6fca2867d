import Auth
import Foundation
import Testing

@Suite struct PasswordHasherTests {
    @Test(arguments: ["$y$", "$2b$", "$6$"])
    func roundTrip(prefix: String) throws {
        let hasher = PasswordHasher(prefix: prefix)
        let hash = try hasher.hash("correct horse battery staple")
        #expect(hash.hasPrefix(prefix))
        #expect(PasswordHasher.isSupportedHash(hash))
        #expect(hasher.verify("correct horse battery staple", against: hash))
        #expect(!hasher.verify("correct horse battery stapler", against: hash))
        #expect(!hasher.verify("", against: hash))
        let again = try hasher.hash("correct horse battery staple")
        #expect(again != hash, "salts must be random")
    }

    @Test func unicodePasswords() throws {
        let hasher = PasswordHasher()
        let hash = try hasher.hash("pässwörd€🔑")
        #expect(hasher.verify("pässwörd€🔑", against: hash))
        #expect(!hasher.verify("passwörd€🔑", against: hash))
    }

    @Test func knownAnswerSHA512Crypt() {
        // openssl passwd -6 -salt kalendsSalt 'correct horse'
        let hash =
            "$6$kalendsSalt$tUjKueARsYYmkCqucANVCX/zo9OZcGhsFJGOcmHCTTguSXg6V9x9cj.2leAcfDvgQJ4V/q2YJtaWqmr3CZ8lf."
        #expect(PasswordHasher().verify("correct horse", against: hash))
        #expect(!PasswordHasher().verify("correct horsE", against: hash))
    }

    @Test func knownAnswerBcrypt() {
        // Openwall crypt_blowfish test vector, and python3 crypt.crypt with a fixed salt.
        #expect(PasswordHasher().verify("U*U", against: "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW"))
        let hash = "$2b$05$abcdefghijklmnopqrstuuHNbAKRhpaujgo33bRWs.NLUTJO3lOy2"
        #expect(PasswordHasher().verify("correct horse", against: hash))
        #expect(!PasswordHasher().verify("correct horse ", against: hash))
        #expect(PasswordHasher().verify("correct horse", against: "$2y$" + hash.dropFirst(4)))
    }

    @Test func knownAnswerYescrypt() {
        let hash = "$y$j9T$abcdefghijklmnop$0Hi8KsZH/hAMRN9Bam6ce3nmi5QAIz3R/KeaXG/c7p9"
        #expect(PasswordHasher().verify("correct horse", against: hash))
    }

    @Test func malformedAndUnsupportedHashesNeverVerify() {
        let hasher = PasswordHasher()
        let bad = [
            "", "*", "!", "!!", "x", "$", "$6$", "$6$salt", "$y$", "$2b$05$short", "$2b$99$abcdefghijklmnopqrstuu",
            "$apr1$abcdefgh$h9FWgUz3n9YxylKLlR5SQ/", "{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=", "abJnggxhB/yJU",
            "$1$abcdefgh$irWbblnpmw.5z7wgBnprh0", "$6$kalendsSalt$tUjKueARsYYmkCqucANVCX\u{0}",
        ]
        for hash in bad {
            #expect(!hasher.verify("secret", against: hash), "\(hash)")
            #expect(!hasher.verify("", against: hash), "\(hash)")
        }
        #expect(!PasswordHasher.isSupportedHash("$apr1$abcdefgh$h9FWgUz3n9YxylKLlR5SQ/"))
        #expect(!PasswordHasher.isSupportedHash("{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g="))
    }

    @Test func hashingErrors() {
        #expect(throws: AuthError.unsupportedPrefix("$apr1$")) { _ = try PasswordHasher(prefix: "$apr1$").hash("x") }
        #expect(throws: AuthError.hashingFailed) { _ = try PasswordHasher(prefix: "$6$").hash("a\u{0}b") }
        #expect(
            !PasswordHasher().verify(
                "a\u{0}b",
                against:
                    "$6$kalendsSalt$tUjKueARsYYmkCqucANVCX/zo9OZcGhsFJGOcmHCTTguSXg6V9x9cj.2leAcfDvgQJ4V/q2YJtaWqmr3CZ8lf."
            )
        )
    }
}
