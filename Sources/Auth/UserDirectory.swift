/// Anything that can look up a user's stored crypt(3) password hash: the data store, an
/// htpasswd file. Implementations must be safe to call from any thread.
public protocol UserDirectory: Sendable {
    /// The stored hash for `name`, nil if the user is unknown. Throws if the lookup
    /// itself fails (the `Authenticator` then rejects without counting a failure).
    func passwordHash(forUser name: String) throws -> String?
}
