import Foundation

/// SQL for the `users` table.
struct UserRepository {
    let database: Database

    private static let columns = "id, name, email, password_hash, created"

    private static func decode(_ row: Statement) -> StoreUser {
        StoreUser(
            id: row.int64(0),
            name: row.text(1),
            email: row.optionalText(2),
            passwordHash: row.text(3),
            created: Date(timeIntervalSince1970: row.double(4))
        )
    }

    /// The user with this name.
    func user(named name: String) throws(StoreError) -> StoreUser? {
        try database.firstRow("SELECT \(Self.columns) FROM users WHERE name = ?", [.text(name)], Self.decode)
    }

    /// Every user, by name.
    func all() throws(StoreError) -> [StoreUser] {
        try database.rows("SELECT \(Self.columns) FROM users ORDER BY name", [], Self.decode)
    }

    /// Inserts a user; returns the row id.
    func insert(name: String, email: String?, passwordHash: String, now: Date) throws(StoreError) -> Int64 {
        try database.run(
            "INSERT INTO users (name, email, password_hash, created) VALUES (?, ?, ?, ?)",
            [.text(name), email.map(SQLValue.text) ?? .null, .text(passwordHash), .double(now.timeIntervalSince1970)]
        )
        return database.lastInsertRowID
    }

    /// Sets the password hash; returns whether the user exists.
    func setPasswordHash(_ hash: String, name: String) throws(StoreError) -> Bool {
        try database.run("UPDATE users SET password_hash = ? WHERE name = ?", [.text(hash), .text(name)]) > 0
    }

    /// Deletes the user; their nodes, properties and change rows cascade.
    func delete(id: Int64) throws(StoreError) {
        try database.run("DELETE FROM users WHERE id = ?", [.int(id)])
    }

    /// The number of users.
    func count() throws(StoreError) -> Int {
        Int(try database.firstRow("SELECT count(*) FROM users") { $0.int64(0) } ?? 0)
    }

    /// The sum of the user's resource lengths: one range of the path index, since every node of a user lies under
    /// the home `<user>/` (`StorePath.subtreeBounds`).
    func usedBytes(ownerID: Int64) throws(StoreError) -> Int64 {
        try database.firstRow(
            """
            SELECT COALESCE(SUM(n.content_length), 0) FROM users u JOIN nodes n
                ON n.path > u.name || '/' AND n.path < u.name || '0'
            WHERE u.id = ? AND n.collection_type IS NULL
            """,
            [.int(ownerID)]
        ) { $0.int64(0) } ?? 0
    }
}
