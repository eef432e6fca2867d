extension Migration {
    /// Version 5: the member listing index. It holds every column a listing reads (RFC 4918 §9.1 `Depth: 1`,
    /// RFC 6578 initial sync) after `(parent_id, name)`, so a page of members is one range of the index without a
    /// lookup into the table, whose rows carry the content; it replaces `nodes_parent`, which it extends.
    static let listingIndex = Migration(
        version: 5,
        statements: [
            """
            CREATE INDEX nodes_listing ON nodes(parent_id, name, collection_type, etag, content_type,
                content_length, created, modified, sync_revision)
            """,
            "DROP INDEX nodes_parent",
        ]
    )
}
