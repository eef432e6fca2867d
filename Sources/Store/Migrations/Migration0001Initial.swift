extension Migration {
    /// Version 1: users, the node tree, dead properties and the per-collection change log.
    ///
    /// Node ids use AUTOINCREMENT so they are never reused: a collection deleted and
    /// recreated at the same path gets a new id, so sync tokens naming (id, revision)
    /// cannot be confused. Times are REAL seconds since 1970. `collection_type` NULL
    /// means "resource" (it doubles as `is_collection`).
    static let initial = Migration(
        version: 1,
        statements: [
            """
            CREATE TABLE users (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL UNIQUE,
                email TEXT,
                password_hash TEXT NOT NULL,
                created REAL NOT NULL
            )
            """,
            """
            CREATE TABLE nodes (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                owner_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                parent_id INTEGER REFERENCES nodes(id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                path TEXT NOT NULL UNIQUE,
                collection_type TEXT,
                etag TEXT NOT NULL,
                content_type TEXT,
                content_length INTEGER NOT NULL DEFAULT 0,
                created REAL NOT NULL,
                modified REAL NOT NULL,
                content BLOB,
                blob_hash TEXT,
                sync_revision INTEGER NOT NULL DEFAULT 0
            )
            """,
            "CREATE INDEX nodes_parent ON nodes(parent_id, name)",
            "CREATE INDEX nodes_owner ON nodes(owner_id)",
            "CREATE INDEX nodes_blob ON nodes(blob_hash) WHERE blob_hash IS NOT NULL",
            """
            CREATE TABLE dead_properties (
                node_id INTEGER NOT NULL REFERENCES nodes(id) ON DELETE CASCADE,
                namespace TEXT NOT NULL,
                name TEXT NOT NULL,
                xml TEXT NOT NULL,
                PRIMARY KEY (node_id, namespace, name)
            ) WITHOUT ROWID
            """,
            """
            CREATE TABLE changes (
                collection_id INTEGER NOT NULL REFERENCES nodes(id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                revision INTEGER NOT NULL,
                deleted INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY (collection_id, name)
            ) WITHOUT ROWID
            """,
            "CREATE INDEX changes_revision ON changes(collection_id, revision)",
        ]
    )
}
