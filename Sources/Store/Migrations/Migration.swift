/// One numbered schema step. Steps run in order at open, each in its own
/// `BEGIN IMMEDIATE` transaction together with the `PRAGMA user_version` bump.
struct Migration: Sendable {
    /// The schema version after this step (1, 2, …; stored in `PRAGMA user_version`).
    let version: Int
    /// The SQL statements of the step.
    let statements: [String]
}
