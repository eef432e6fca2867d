/// One numbered schema step. Steps run in order at open, each in its own
/// `BEGIN IMMEDIATE` transaction together with the `PRAGMA user_version` bump.
struct Migration: Sendable {
    /// The schema version after this step (1, 2, …; stored in `PRAGMA user_version`).
    let version: Int
    /// The SQL statements of the step.
    let statements: [String]
    /// Work after the statements, in the same transaction: filling a new table from the rows already stored.
    var backfill: (@Sendable (Database, MigrationEnvironment) throws -> Void)? = nil
}

/// What a migration's backfill may use besides the database: the options the store is opened with and its blob
/// files.
struct MigrationEnvironment {
    /// The options of the store being opened.
    let options: StoreOptions
    /// Where content above the inline limit lives.
    let blobs: BlobStore
}
