import Foundation

extension DataStore {
    /// Creates a user and their home collection (path = name, type `.home`) in one
    /// transaction. Throws `.conflict` if the user (or a node at that path) exists or the
    /// name is not a single valid path segment.
    public func createUser(name: String, email: String?, passwordHash: String) throws -> StoreUser {
        try StorePath.validate(name)
        guard !name.contains("/") else { throw StoreError.conflict("invalid user name \(name)") }
        return try write { context in
            guard try context.users.user(named: name) == nil, try context.nodes.node(at: name) == nil else {
                throw StoreError.conflict("user \(name) exists")
            }
            let now = Date()
            let id = try context.users.insert(name: name, email: email, passwordHash: passwordHash, now: now)
            _ = try context.nodes.insertCollection(ownerID: id, parentID: nil, path: name, type: .home, now: now)
            guard let user = try context.users.user(named: name) else { throw StoreError.notFound(name) }
            return user
        }
    }

    /// The user with this name, or nil.
    public func user(named name: String) throws -> StoreUser? {
        try read { database throws(StoreError) in try UserRepository(database: database).user(named: name) }
    }

    /// Every user, sorted by name.
    public func allUsers() throws -> [StoreUser] {
        try read { database throws(StoreError) in try UserRepository(database: database).all() }
    }

    /// Replaces a user's password hash (one transaction). Throws `.notFound` for an unknown user.
    public func setPasswordHash(_ hash: String, forUser name: String) throws {
        try write { context in
            guard try context.users.setPasswordHash(hash, name: name) else { throw StoreError.notFound(name) }
        }
    }

    /// Deletes a user with their whole tree, properties and change rows (one transaction);
    /// blobs no longer referenced are removed after commit. Throws `.notFound`.
    public func deleteUser(named name: String) throws {
        try write { context in
            guard let user = try context.users.user(named: name) else { throw StoreError.notFound(name) }
            try context.deleteTree(name)
            try context.users.delete(id: user.id)
        }
    }

    /// The number of users.
    public func userCount() throws -> Int {
        try read { database throws(StoreError) in try UserRepository(database: database).count() }
    }

    /// The sum of the content lengths of the user's resources (RFC 4331 quota).
    /// Throws `.notFound` for an unknown user.
    public func usedBytes(ofUser name: String) throws -> Int64 {
        try read { database throws(StoreError) in
            let users = UserRepository(database: database)
            guard let user = try users.user(named: name) else { throw .notFound(name) }
            return try users.usedBytes(ownerID: user.id)
        }
    }
}
