/// Applies the numbered migrations to a database at open.
enum Migrator {
    /// Every migration, in order.
    static let all: [Migration] = [
        .initial, .objectIndex, .locks, .exactInstances, .listingIndex, .contactSearch, .leanerInserts,
        .componentSpanIndex, .briefAndLongSpans, .instanceGaps,
    ]

    /// Brings the schema up to the newest version, one transaction per step (statements, then the step's
    /// backfill). Throws `.conflict` if the file was written by a newer schema than this build knows.
    static func migrate(_ database: Database, environment: MigrationEnvironment) throws {
        let current = try database.firstRow("PRAGMA user_version") { Int($0.int64(0)) } ?? 0
        let newest = all.last?.version ?? 0
        guard current <= newest else {
            throw StoreError.conflict(
                "\(database.path) has schema version \(current), newer than supported \(newest)"
            )
        }
        for migration in all where migration.version > current {
            try database.immediateTransaction {
                for statement in migration.statements {
                    try database.execute(statement)
                }
                try migration.backfill?(database, environment)
                try database.execute("PRAGMA user_version = \(migration.version)")
            }
        }
    }
}
