extension Migration {
    /// Version 2: the index of calendar and address objects (RFC 4791 §7.8 time-range queries, RFC 4791
    /// §5.3.2.1 / RFC 6352 §6.3.2.1 `no-uid-conflict`).
    ///
    /// One row per object resource: its collection, UID, main component (`VEVENT`, `VTODO`, `VCARD`…) and the
    /// span of all its instances in UTC epoch seconds — `span_start` is `-2^63` and `span_end` `2^63-1` when
    /// unbounded — so a time-range query selects candidates by index before parsing anything. A UID appears at
    /// most once per collection.
    static let objectIndex = Migration(
        version: 2,
        statements: [
            """
            CREATE TABLE object_index (
                node_id INTEGER PRIMARY KEY REFERENCES nodes(id) ON DELETE CASCADE,
                collection_id INTEGER NOT NULL REFERENCES nodes(id) ON DELETE CASCADE,
                uid TEXT NOT NULL,
                component TEXT NOT NULL,
                span_start INTEGER NOT NULL,
                span_end INTEGER NOT NULL
            )
            """,
            "CREATE UNIQUE INDEX object_index_uid ON object_index(collection_id, uid)",
            "CREATE INDEX object_index_span ON object_index(collection_id, span_end, span_start)",
        ]
    )
}
