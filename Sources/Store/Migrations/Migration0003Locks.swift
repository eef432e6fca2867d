extension Migration {
    /// Version 3: WebDAV write locks (RFC 4918 §6), so they survive a restart.
    ///
    /// A lock names its root by path, not by node id: a MOVE must not carry locks along (RFC 4918 §7.7), and a
    /// path stays locked while it is briefly unmapped. `depth` is `0` or `infinity`, `scope` `exclusive` or
    /// `shared`; `owner_xml` is the client's `DAV:owner` element verbatim. Times are REAL seconds since 1970;
    /// rows whose `expires` has passed are ignored by reads and purged by the next lock write. (Version 2 is
    /// the calendar index.)
    static let locks = Migration(
        version: 3,
        statements: [
            """
            CREATE TABLE locks (
                token TEXT PRIMARY KEY,
                user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                path TEXT NOT NULL,
                depth TEXT NOT NULL CHECK (depth IN ('0', 'infinity')),
                scope TEXT NOT NULL CHECK (scope IN ('exclusive', 'shared')),
                owner_xml TEXT,
                expires REAL NOT NULL,
                created REAL NOT NULL
            ) WITHOUT ROWID
            """,
            "CREATE INDEX locks_path ON locks(path)",
        ]
    )
}
