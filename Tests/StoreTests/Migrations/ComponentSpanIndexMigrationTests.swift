import Testing

@testable import Store

@Suite("Migration 8: calendar-query candidates come from one covering index")
struct ComponentSpanIndexMigrationTests {
    @Test("the component, span and exact columns are answered by the index, without reading object_index rows")
    func candidatesUseTheCoveringIndex() throws {
        let directory = makeTemporaryDirectory()
        defer { removeDirectory(directory) }
        let store = try DataStore(directory: directory)
        let (oldIndexes, plan) = try store.read { database throws(StoreError) in
            (
                try database.firstRow("SELECT count(*) FROM sqlite_master WHERE name = 'object_index_span'") {
                    $0.int64(0)
                },
                try database.rows(
                    """
                    EXPLAIN QUERY PLAN SELECT o.node_id, o.exact FROM object_index o
                    WHERE o.collection_id = 1 AND o.component = 'VEVENT' AND o.span_end >= 0 AND o.span_start <= 10
                    """
                ) { $0.text(3) }
            )
        }
        #expect(oldIndexes == 0)
        #expect(plan.contains { $0.contains("COVERING INDEX object_index_component_span") })
    }
}
