public import Foundation
import Synchronization

/// The whole credential check a request needs (RFC 7617 Basic): throttle → cache →
/// directory → crypt. Failures are throttled per client address (`throttle`) and per user name
/// (`userThrottle`, counting unknown names the same way so that the lockout reveals nothing); a user-name
/// lockout does not apply to addresses the user has logged in from before (`knownAddresses`), even for
/// credentials verified recently (so the credential cache is no oracle during a lockout), and it is capped short (a minute by default), so guessing a victim's password from many
/// addresses slows the guesser without locking the victim out. Successful verifications are cached for `cacheLifetime`, keyed by
/// the user and a keyed hash of the password (two `Hasher` values with per-instance
/// random seeds; `Hasher` is itself randomly seeded per process) — never the plaintext —
/// so yescrypt does not run on every request. A cached entry only counts while the
/// directory still returns the same stored hash, so a password change takes effect at
/// once. Thread-safe; the cache holds at most `maxCacheEntries` users.
public final class Authenticator: Sendable {
    /// The result of one check.
    public enum Outcome: Sendable, Equatable {
        /// Valid credentials for this user (→ proceed).
        case authenticated(user: String)
        /// Missing, malformed or wrong credentials (→ 401 with a challenge).
        case rejected
        /// The client address is locked out by the throttle (→ 429 or 401).
        case throttled
    }

    private let directory: any UserDirectory
    private let throttle: LoginThrottle
    private let userThrottle: LoginThrottle
    private let knownAddresses: KnownLoginAddresses
    private let cacheLifetime: TimeInterval
    private let maxCacheEntries: Int
    private let hasher = PasswordHasher()
    private let seeds: (UInt64, UInt64)
    private let cache = Mutex<[String: CacheEntry]>([:])
    /// Keyed hashes of whole Authorization header values already verified, so repeat requests skip Base64 decoding.
    private let headerIndex = Mutex<[PasswordKey: String]>([:])

    /// One user's last successful verification.
    private struct CacheEntry: Sendable {
        var key: PasswordKey
        var headerKey: PasswordKey?
        var storedHash: String
        var expires: Date
    }

    /// A 128-bit keyed hash of a password.
    private struct PasswordKey: Sendable, Hashable {
        var first: Int
        var second: Int
    }

    /// A yescrypt hash verified against when the user is unknown, so that unknown and
    /// known users take the same time (no user enumeration by timing).
    private static let decoyHash = "$y$j9T$abcdefghijklmnop$0Hi8KsZH/hAMRN9Bam6ce3nmi5QAIz3R/KeaXG/c7p9"
    /// The hash unknown users are verified against: the stored hash last looked up (so the decoy costs what the
    /// users' own scheme and cost do — sha512-crypt and bcrypt verify several times faster than yescrypt),
    /// `decoyHash` until then. The result of that verification is always discarded.
    private let decoy = Mutex<String>(Authenticator.decoyHash)

    /// An authenticator over `directory`.
    public init(
        directory: any UserDirectory,
        throttle: LoginThrottle = LoginThrottle(),
        userThrottle: LoginThrottle = LoginThrottle(freeAttempts: 20, maxLockout: 60),
        knownAddresses: KnownLoginAddresses = KnownLoginAddresses(),
        cacheLifetime: TimeInterval = 300,
        maxCacheEntries: Int = 10_000
    ) {
        self.directory = directory
        self.throttle = throttle
        self.userThrottle = userThrottle
        self.knownAddresses = knownAddresses
        self.cacheLifetime = cacheLifetime
        self.maxCacheEntries = max(1, maxCacheEntries)
        seeds = (UInt64.random(in: .min ... .max), UInt64.random(in: .min ... .max))
    }

    /// Checks an `Authorization` header value from `clientAddress`. A locked-out address, or a locked-out user name
    /// from an address that user has not logged in from, gets `.throttled` without any password check. A missing header is `.rejected`
    /// without counting as a failure; malformed or wrong credentials are `.rejected` and
    /// counted by the throttle; a failing directory lookup is `.rejected` uncounted. A qualified name that is not a
    /// user (`DOMAIN\user`, `user@host`) is tried as its unqualified user part (`QualifiedUserName`).
    public func authenticate(authorizationHeader: String?, clientAddress: String, now: Date = Date()) -> Outcome {
        guard !throttle.isLockedOut(clientAddress, now: now) else { return .throttled }
        guard let header = authorizationHeader else { return .rejected }
        let headerKey = passwordKey(header)
        if let user = recentlyVerifiedUser(headerKey: headerKey, now: now) {
            guard !isUserLockedOut(user, from: clientAddress, now: now) else { return .throttled }
            return .authenticated(user: user)
        }
        guard let credentials = BasicCredentials(authorizationHeader: header) else {
            throttle.recordFailure(clientAddress, now: now)
            return .rejected
        }
        var user = credentials.user
        var storedHash: String?
        do {
            storedHash = try directory.passwordHash(forUser: user)
            if storedHash == nil, let unqualified = QualifiedUserName.unqualified(user),
                let hash = try directory.passwordHash(forUser: unqualified)
            {
                (user, storedHash) = (unqualified, hash)
            }
        } catch {
            return .rejected
        }
        guard !isUserLockedOut(user, from: clientAddress, now: now) else { return .throttled }
        guard let storedHash, PasswordHasher.isSupportedHash(storedHash) else {
            _ = hasher.verify(credentials.password, against: decoy.withLock { $0 })
            recordFailure(user: user, address: clientAddress, now: now)
            return .rejected
        }
        decoy.withLock { $0 = storedHash }
        let key = passwordKey(credentials.password)
        let cached = cache.withLock { cache in
            guard let entry = cache[user] else { return false }
            return entry.key == key && entry.storedHash == storedHash && entry.expires > now
        }
        if cached || hasher.verify(credentials.password, against: storedHash) {
            if !cached { remember(user: user, key: key, storedHash: storedHash, now: now) }
            index(headerKey: headerKey, user: user)
            throttle.recordSuccess(clientAddress)
            knownAddresses.record(user: user, address: clientAddress, now: now)
            return .authenticated(user: user)
        }
        recordFailure(user: user, address: clientAddress, now: now)
        return .rejected
    }

    /// Whether attempts for `user` from `address` are refused: the name is locked out and the user has not logged
    /// in from that address before.
    private func isUserLockedOut(_ user: String, from address: String, now: Date) -> Bool {
        userThrottle.isLockedOut(user, now: now) && !knownAddresses.contains(user: user, address: address, now: now)
    }

    /// Counts a failed login against the address and the user name. The user's count is not reset by a success:
    /// the user's own logins say nothing about someone else guessing.
    private func recordFailure(user: String, address: String, now: Date) {
        throttle.recordFailure(address, now: now)
        userThrottle.recordFailure(user, now: now)
    }

    /// The user whose exact header value was verified recently, if the stored hash has not changed since.
    private func recentlyVerifiedUser(headerKey: PasswordKey, now: Date) -> String? {
        // One lock for both look-ups: this runs on every authenticated request.
        let candidate: (user: String, entry: CacheEntry)? = headerIndex.withLock { index in
            guard let user = index[headerKey] else { return nil }
            return cache.withLock { cache in cache[user].map { (user, $0) } }
        }
        guard let (user, entry) = candidate, entry.headerKey == headerKey, entry.expires > now,
            let storedHash = try? directory.passwordHash(forUser: user), entry.storedHash == storedHash
        else { return nil }
        return user
    }

    private func index(headerKey: PasswordKey, user: String) {
        headerIndex.withLock { index in
            if index.count >= maxCacheEntries { index.removeAll() }
            index[headerKey] = user
        }
        cache.withLock { cache in cache[user]?.headerKey = headerKey }
    }

    /// Drops the user's cached verification (after a password change or deletion).
    public func invalidate(user: String) {
        _ = cache.withLock { $0.removeValue(forKey: user) }
    }

    private func passwordKey(_ password: String) -> PasswordKey {
        var first = Hasher()
        first.combine(seeds.0)
        first.combine(password)
        var second = Hasher()
        second.combine(seeds.1)
        second.combine(password)
        return PasswordKey(first: first.finalize(), second: second.finalize())
    }

    private func remember(user: String, key: PasswordKey, storedHash: String, now: Date) {
        let entry = CacheEntry(
            key: key,
            headerKey: nil,
            storedHash: storedHash,
            expires: now.addingTimeInterval(cacheLifetime)
        )
        cache.withLock { cache in
            if cache[user] == nil && cache.count >= maxCacheEntries {
                cache = cache.filter { $0.value.expires > now }
                if cache.count >= maxCacheEntries {
                    let oldest = cache.sorted { $0.value.expires < $1.value.expires }.prefix(cache.count / 10 + 1)
                    for (name, _) in oldest { cache.removeValue(forKey: name) }
                }
            }
            cache[user] = entry
        }
    }
}
