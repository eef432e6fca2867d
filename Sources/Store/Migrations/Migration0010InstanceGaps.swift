extension Migration {
    /// Version 10: a recurring object's exact-instance test (RFC 4791 §9.9) is answered from its index entry when
    /// the range is longer than every gap between the object's instances. `longest_gap` is the longest time, in
    /// seconds, between two consecutive distinct instance starts (NULL without exact instances, with fewer than two
    /// starts, or when the span is not exactly the instances' first start to last end). A range longer than that gap
    /// which meets the span always holds an instance start or lies inside the last-ending instance, so the test needs
    /// no read of `object_instances` — for a month of a 100,000-event calendar that is 2,118 series and as many
    /// random page reads per query. The span indexes are rebuilt to carry the column, so the test stays covered.
    /// Like versions 7 to 9 it can run again on a database that has it (the column is added only when missing).
    static let instanceGaps = Migration(version: 10, statements: []) { database, _ in
        let hasColumn = try database.firstRow(
            "SELECT count(*) FROM pragma_table_info('object_index') WHERE name = 'longest_gap'"
        ) { $0.int64(0) }
        if hasColumn == 0 {
            try database.execute("ALTER TABLE object_index ADD COLUMN longest_gap INTEGER")
        }
        for statement in [
            """
            UPDATE object_index SET longest_gap = gaps.longest
            FROM (
                SELECT node_id, max(start - previous) AS longest, min(start) AS first, max(last_end) AS last
                FROM (
                    SELECT node_id, start, max(end) AS last_end,
                        lag(start) OVER (PARTITION BY node_id ORDER BY start) AS previous
                    FROM object_instances GROUP BY node_id, start
                )
                GROUP BY node_id
            ) AS gaps
            WHERE gaps.node_id = object_index.node_id AND object_index.exact = 1 AND gaps.longest IS NOT NULL
                AND object_index.span_start = gaps.first AND object_index.span_end = gaps.last
            """,
            "DROP INDEX IF EXISTS object_index_brief_span",
            "DROP INDEX IF EXISTS object_index_long_span",
            """
            CREATE INDEX object_index_brief_span
                ON object_index(collection_id, component, span_start, span_end, exact, longest_instance, longest_gap)
                WHERE span_end - span_start <= \(briefSpanLimit)
            """,
            """
            CREATE INDEX object_index_long_span
                ON object_index(collection_id, component, span_end, span_start, exact, longest_instance, longest_gap)
                WHERE span_end - span_start > \(briefSpanLimit)
            """,
        ] {
            try database.execute(statement)
        }
    }
}
