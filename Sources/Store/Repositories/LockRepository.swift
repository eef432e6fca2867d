import Foundation

/// SQL for the `locks` table. Reads skip expired rows; write methods expect the caller's transaction.
struct LockRepository {
    let database: Database

    /// The columns `decode` reads, in order: the lock, its user's name, and whether a collection is at its path.
    private static let select = """
        SELECT l.token, u.name, l.path, l.depth, l.scope, l.owner_xml, l.created, l.expires,
            n.collection_type IS NOT NULL
        FROM locks l JOIN users u ON u.id = l.user_id LEFT JOIN nodes n ON n.path = l.path
        """

    private static func decode(_ row: Statement) -> LockRecord {
        LockRecord(
            token: row.text(0),
            user: row.text(1),
            path: row.text(2),
            isDeep: row.text(3) == "infinity",
            isExclusive: row.text(4) == "exclusive",
            ownerXML: row.optionalText(5),
            created: Date(timeIntervalSince1970: row.double(6)),
            expires: Date(timeIntervalSince1970: row.double(7)),
            isCollection: row.int64(8) != 0
        )
    }

    /// Unexpired locks rooted at `path` or one of its ancestors, and with `includingDescendants` below it,
    /// oldest first. The ancestors go in as a JSON array (constant statement text); the subtree is a range scan
    /// on the path index.
    func locks(along path: String, includingDescendants: Bool, now: Date) throws(StoreError) -> [LockRecord] {
        var ancestors: [String] = []
        var prefix = ""
        for segment in path.split(separator: "/", omittingEmptySubsequences: false) {
            prefix += prefix.isEmpty ? String(segment) : "/" + segment
            ancestors.append(prefix)
        }
        let list = "[" + ancestors.map(Self.jsonString).joined(separator: ",") + "]"
        let bounds = StorePath.subtreeBounds(path)
        return try database.rows(
            Self.select + """

                WHERE l.expires > ?1 AND (l.path IN (SELECT value FROM json_each(?2))
                    OR (?3 AND l.path > ?4 AND l.path < ?5))
                ORDER BY l.created, l.token
                """,
            [
                .double(now.timeIntervalSince1970), .text(list), .int(includingDescendants ? 1 : 0),
                .text(bounds.lower), .text(bounds.upper),
            ],
            Self.decode
        )
    }

    /// The unexpired lock with this token.
    func lock(token: String, now: Date) throws(StoreError) -> LockRecord? {
        try database.firstRow(
            Self.select + " WHERE l.token = ? AND l.expires > ?",
            [.text(token), .double(now.timeIntervalSince1970)],
            Self.decode
        )
    }

    /// Whether any lock is unexpired at `now`.
    func anyUnexpired(now: Date) throws(StoreError) -> Bool {
        try database.firstRow(
            "SELECT EXISTS (SELECT 1 FROM locks WHERE expires > ?)",
            [.double(now.timeIntervalSince1970)]
        ) { $0.int64(0) != 0 } ?? false
    }

    /// Inserts a lock for the user with this id.
    func insert(_ lock: LockRecord, userID: Int64) throws(StoreError) {
        try database.run(
            """
            INSERT INTO locks (token, user_id, path, depth, scope, owner_xml, expires, created)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .text(lock.token), .int(userID), .text(lock.path), .text(lock.isDeep ? "infinity" : "0"),
                .text(lock.isExclusive ? "exclusive" : "shared"), lock.ownerXML.map(SQLValue.text) ?? .null,
                .double(lock.expires.timeIntervalSince1970), .double(lock.created.timeIntervalSince1970),
            ]
        )
    }

    /// Sets a new expiry; returns whether the lock exists.
    func setExpiry(token: String, expires: Date) throws(StoreError) -> Bool {
        try database.run(
            "UPDATE locks SET expires = ? WHERE token = ?",
            [.double(expires.timeIntervalSince1970), .text(token)]
        ) > 0
    }

    /// Removes one lock; returns whether it existed.
    func remove(token: String) throws(StoreError) -> Bool {
        try database.run("DELETE FROM locks WHERE token = ?", [.text(token)]) > 0
    }

    /// Removes the locks rooted at `path` or below it (the resources went away or moved, RFC 4918 §7.7).
    func removeTree(_ path: String) throws(StoreError) {
        let bounds = StorePath.subtreeBounds(path)
        try database.run(
            "DELETE FROM locks WHERE path = ? OR (path > ? AND path < ?)",
            [.text(path), .text(bounds.lower), .text(bounds.upper)]
        )
    }

    /// Removes every lock that expired before `now`.
    func purgeExpired(now: Date) throws(StoreError) {
        try database.run("DELETE FROM locks WHERE expires <= ?", [.double(now.timeIntervalSince1970)])
    }

    /// `text` as a JSON string literal.
    private static func jsonString(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\u{0}"..."\u{1F}": result += String(format: "\\u%04x", scalar.value)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
