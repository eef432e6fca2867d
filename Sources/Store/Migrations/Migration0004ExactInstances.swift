extension Migration {
    /// Version 4: exact instances. `object_index.exact` marks objects whose instances are all listed in
    /// `object_instances` (`[start, end)` in UTC seconds): few, finite, and fixed in UTC. A plain time-range query
    /// answers them in SQL without parsing the object.
    static let exactInstances = Migration(
        version: 4,
        statements: [
            "ALTER TABLE object_index ADD COLUMN exact INTEGER NOT NULL DEFAULT 0",
            """
            CREATE TABLE object_instances (
                node_id INTEGER NOT NULL REFERENCES nodes(id) ON DELETE CASCADE,
                start INTEGER NOT NULL,
                end INTEGER NOT NULL
            )
            """,
            "CREATE INDEX object_instances_node ON object_instances(node_id, start)",
        ]
    )
}
