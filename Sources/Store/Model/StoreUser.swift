public import Foundation

/// A user account as stored.
public struct StoreUser: Sendable, Hashable {
    /// The row id.
    public var id: Int64
    /// The unique login name; also the path of the user's home collection.
    public var name: String
    /// An optional contact address.
    public var email: String?
    /// The crypt(3) hash of the password.
    public var passwordHash: String
    /// When the account was created.
    public var created: Date

    /// Creates a value (the store creates these; public for tests and fakes).
    public init(id: Int64, name: String, email: String?, passwordHash: String, created: Date) {
        self.id = id
        self.name = name
        self.email = email
        self.passwordHash = passwordHash
        self.created = created
    }
}
