import Foundation
import Testing

@testable import Store

@Suite("Migration 7: fewer pages per insert, on a database made by schema 5")
struct LeanerInsertsMigrationTests {
    /// A database at schema version 5 holding alice's home, a calendar and one object with three instance rows (one
    /// listed twice).
    private static func makeVersionFiveDatabase(in directory: String) throws {
        let database = try Database(path: directory + "/kalends.sqlite3", create: true, readOnly: false)
        for migration in Migrator.all where migration.version <= 5 {
            try database.immediateTransaction {
                for statement in migration.statements { try database.execute(statement) }
                try database.execute("PRAGMA user_version = \(migration.version)")
            }
        }
        try database.execute(
            """
            INSERT INTO users (id, name, password_hash, created) VALUES (1, 'alice', 'x', 0);
            INSERT INTO nodes (id, owner_id, parent_id, name, path, collection_type, etag, created, modified)
                VALUES (1, 1, NULL, 'alice', 'alice', 'home', '', 0, 0),
                       (2, 1, 1, 'cal', 'alice/cal', 'calendar', '', 0, 0);
            INSERT INTO nodes (id, owner_id, parent_id, name, path, etag, content_length, created, modified, content)
                VALUES (3, 1, 2, 'a.ics', 'alice/cal/a.ics', 'e', 5, 0, 0, X'0102030405');
            INSERT INTO object_index (node_id, collection_id, uid, component, span_start, span_end, exact)
                VALUES (3, 2, 'u', 'VEVENT', 100, 300, 1);
            INSERT INTO object_instances (node_id, start, end) VALUES (3, 100, 200), (3, 200, 300), (3, 200, 300);
            """
        )
    }

    @Test("Instances, quota sum and range hits survive; nodes_owner is gone and instances are one keyed B-tree")
    func migratesVersionFive() throws {
        let directory = makeTemporaryDirectory()
        defer { removeDirectory(directory) }
        try Self.makeVersionFiveDatabase(in: directory)
        let store = try DataStore(directory: directory)
        let (version, ownerIndexes, instances, schema) = try store.read { database throws(StoreError) in
            (
                try database.firstRow("PRAGMA user_version") { $0.int64(0) },
                try database.firstRow("SELECT count(*) FROM sqlite_master WHERE name = 'nodes_owner'") { $0.int64(0) },
                try database.rows("SELECT start, end FROM object_instances WHERE node_id = 3") {
                    [$0.int64(0), $0.int64(1)]
                },
                try database.firstRow("SELECT sql FROM sqlite_master WHERE name = 'object_instances'") { $0.text(0) }
            )
        }
        #expect(version == Int64(Migrator.all.last?.version ?? 0))
        #expect(ownerIndexes == 0)
        #expect(instances == [[100, 200], [200, 300]])
        #expect(schema?.contains("WITHOUT ROWID") == true)
        #expect(try store.usedBytes(ofUser: "alice") == 5)
        let hits = try store.indexedObjects(in: "alice/cal", from: 250, to: 260).map(\.exactRangeHit)
        let misses = try store.indexedObjects(in: "alice/cal", from: 300, to: 300).map(\.exactRangeHit)
        #expect(hits == [true] && misses == [false])
        #expect(try store.check().problems.isEmpty)
    }

    @Test("After the migration the quota sum counts only the user's own resources")
    func quotaSumIsPerUser() throws {
        let fixture = try Fixture()
        _ = try fixture.store.createUser(name: "alicia", email: nil, passwordHash: "x")
        try fixture.put("alice/a.txt", "12345")
        try fixture.put("alicia/b.txt", "1234567")
        #expect(try fixture.store.usedBytes(ofUser: "alice") == 5)
        #expect(try fixture.store.usedBytes(ofUser: "alicia") == 7)
    }
}
