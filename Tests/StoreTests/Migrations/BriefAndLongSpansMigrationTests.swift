import Testing

@testable import Store

@Suite("Migration 9: brief and long spans in two indexes, the longest instance on each entry")
struct BriefAndLongSpansMigrationTests {
    @Test("A time-range query reads both span indexes, bounded by their leading columns, without object_index rows")
    func rangeQueryUsesBothSpanIndexes() throws {
        let directory = makeTemporaryDirectory()
        defer { removeDirectory(directory) }
        let store = try DataStore(directory: directory)
        let (oldIndexes, plan) = try store.read { database throws(StoreError) in
            (
                try database.firstRow(
                    """
                    SELECT count(*) FROM sqlite_master
                    WHERE name IN ('object_index_span', 'object_index_component_span')
                    """
                ) { $0.int64(0) },
                try database.rows(
                    "EXPLAIN QUERY PLAN "
                        + DataStore.candidateQuery(component: true, range: true, columns: .nodeID),
                    [.int(0), .int(10), .int(1), .text("VEVENT")]
                ) { $0.text(3) }
            )
        }
        #expect(oldIndexes == 0)
        #expect(
            plan.contains {
                $0.contains("COVERING INDEX object_index_brief_span")
                    && $0.contains("span_start>? AND span_start<?")
            }
        )
        #expect(
            plan.contains { $0.contains("COVERING INDEX object_index_long_span") && $0.contains("span_end>?") }
        )
    }

    @Test("Opening a version 8 store fills the longest instance of every exact entry and can run again")
    func backfillsLongestInstance() throws {
        let fixture = try Fixture()
        _ = try fixture.store.createCollection(at: "alice/cal", type: .calendar)
        let instances = [IndexedInstance(start: 0, end: 10), IndexedInstance(start: 100, end: 400)]
        for (name, exact) in [("exact.ics", instances), ("inexact.ics", nil)] {
            try fixture.putObject(
                "alice/cal/" + name,
                ObjectIndexEntry(uid: name, component: "VEVENT", spanStart: 0, spanEnd: 400, exactInstances: exact)
            )
        }
        try fixture.store.pool.withWriter { database in
            try database.execute("UPDATE object_index SET longest_instance = NULL")
            try database.execute("PRAGMA user_version = 8")
        }
        let reopened = try DataStore(directory: fixture.directory)
        let longest = try reopened.read { database throws(StoreError) in
            try database.rows("SELECT uid, longest_instance FROM object_index ORDER BY uid") {
                "\($0.text(0))=\($0.optionalInt64(1).map(String.init) ?? "null")"
            }
        }
        #expect(longest == ["exact.ics=300", "inexact.ics=null"])
        let hits = try reopened.indexedObjects(in: "alice/cal", component: "VEVENT", from: 20, to: 90)
        #expect(hits.map(\.exactRangeHit) == [false, nil])
    }
}
