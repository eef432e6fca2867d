extension Migration {
    /// Version 7: fewer B-tree pages written per new object (issues #6, #7). `nodes_owner` goes: a user's nodes are
    /// one range of the unique path index (`<user>/…`), which the quota sum now reads, and deleting a user (rare)
    /// may scan the table. `object_instances` becomes one B-tree keyed by `(node_id, start, end)` instead of a
    /// rowid table plus an index; an instance listed twice is one row, which answers overlap queries the same way.
    /// (Version 6 is the contacts search index.)
    static let leanerInserts = Migration(
        version: 7,
        statements: [
            "DROP INDEX IF EXISTS nodes_owner",
            """
            CREATE TABLE object_instances_keyed (
                node_id INTEGER NOT NULL REFERENCES nodes(id) ON DELETE CASCADE,
                start INTEGER NOT NULL,
                end INTEGER NOT NULL,
                PRIMARY KEY (node_id, start, end)
            ) WITHOUT ROWID
            """,
            "INSERT OR IGNORE INTO object_instances_keyed (node_id, start, end) SELECT node_id, start, end FROM object_instances",
            "DROP TABLE object_instances",
            "ALTER TABLE object_instances_keyed RENAME TO object_instances",
        ]
    )
}
