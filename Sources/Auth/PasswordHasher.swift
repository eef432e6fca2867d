import CCrypt

/// Password hashing and verification with crypt(3) via libxcrypt's reentrant
/// `crypt_rn` / `crypt_gensalt_rn` (no static buffers, so safe from any thread).
public struct PasswordHasher: Sendable {
    /// The prefix of new hashes: `"$y$"` yescrypt (default), `"$2b$"` bcrypt, `"$6$"` sha512-crypt.
    public let prefix: String
    /// The cost parameter passed to `crypt_gensalt_rn`; 0 selects libxcrypt's default.
    public let cost: UInt

    /// Prefixes that verify: yescrypt, bcrypt variants, sha512-crypt and sha256-crypt.
    private static let supportedPrefixes = ["$y$", "$2b$", "$2y$", "$2a$", "$6$", "$5$"]

    /// A hasher producing hashes with `prefix` and `cost` (0 = libxcrypt's default).
    public init(prefix: String = "$y$", cost: UInt = 0) {
        self.prefix = prefix
        self.cost = cost
    }

    /// Hashes `password` with a fresh random salt from `crypt_gensalt_rn` (NULL random
    /// bytes → libxcrypt reads the OS random source). Throws `.unsupportedPrefix` for an
    /// unknown prefix, `.hashingFailed` for a password containing NUL or a crypt failure.
    public func hash(_ password: String) throws -> String {
        guard Self.supportedPrefixes.contains(prefix) else { throw AuthError.unsupportedPrefix(prefix) }
        guard !password.utf8.contains(0) else { throw AuthError.hashingFailed }
        var setting = [CChar](repeating: 0, count: Int(CRYPT_GENSALT_OUTPUT_SIZE))
        let generated = setting.withUnsafeMutableBufferPointer { buffer in
            crypt_gensalt_rn(prefix, cost, nil, 0, buffer.baseAddress, Int32(buffer.count))
        }
        guard generated != nil else { throw AuthError.unsupportedPrefix(prefix) }
        let salt = String(decoding: setting.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard let hashed = Self.crypt(password, setting: salt) else { throw AuthError.hashingFailed }
        return hashed
    }

    /// Checks `password` against a stored crypt(3) hash: `crypt_rn` with the stored hash
    /// as setting, then a constant-time comparison. False for `*`, `!`, empty, malformed
    /// or unsupported hashes (e.g. `$apr1$`, `{SHA}`). Never throws, never traps.
    public func verify(_ password: String, against storedHash: String) -> Bool {
        guard Self.isSupportedHash(storedHash), !password.utf8.contains(0),
            let computed = Self.crypt(password, setting: storedHash)
        else { return false }
        return constantTimeEquals(Array(computed.utf8), Array(storedHash.utf8))
    }

    /// Whether `hash` is a complete hash of a supported method that libxcrypt accepts
    /// (`crypt_checksalt`); an htpasswd line with any other hash never authenticates.
    public static func isSupportedHash(_ hash: String) -> Bool {
        guard supportedPrefixes.contains(where: { hash.hasPrefix($0) }), !hash.utf8.contains(0) else { return false }
        let verdict = crypt_checksalt(hash)
        return verdict == CRYPT_SALT_OK || verdict == CRYPT_SALT_TOO_CHEAP
    }

    /// `crypt_rn` with a zeroed, heap-allocated `struct crypt_data` (about 32 KiB), which
    /// is wiped again afterwards since it held password-derived state. Nil on failure.
    private static func crypt(_ phrase: String, setting: String) -> String? {
        let size = MemoryLayout<crypt_data>.size
        let data = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: MemoryLayout<crypt_data>.alignment)
        data.initializeMemory(as: UInt8.self, repeating: 0, count: size)
        defer {
            data.initializeMemory(as: UInt8.self, repeating: 0, count: size)
            data.deallocate()
        }
        guard let output = crypt_rn(phrase, setting, data, Int32(size)) else { return nil }
        let result = String(cString: output)
        return result.hasPrefix("*") ? nil : result
    }
}

/// Compares two byte strings in time independent of where they differ.
func constantTimeEquals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
    var difference = UInt8(truncatingIfNeeded: lhs.count ^ rhs.count)
    let count = min(lhs.count, rhs.count)
    for index in 0..<count {
        difference |= lhs[index] ^ rhs[index]
    }
    return difference == 0 && lhs.count == rhs.count
}
