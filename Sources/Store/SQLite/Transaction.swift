import CSQLite

extension Database {
    /// Runs `body` in one `BEGIN IMMEDIATE` transaction (takes the write lock up front, so
    /// no SQLITE_BUSY upgrade deadlocks). Commits if `body` returns; on any error rolls
    /// back fully and rethrows the error unchanged.
    func immediateTransaction<T>(_ body: () throws -> T) throws -> T {
        try run("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try run("COMMIT")
            return result
        } catch {
            rollback()
            throw error
        }
    }

    /// Runs `body` in one deferred read transaction so several queries see one snapshot.
    func readTransaction<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        try run("BEGIN")
        do {
            let result = try body()
            try run("COMMIT")
            return result
        } catch {
            rollback()
            throw error
        }
    }

    /// Rolls back the open transaction, if any. A failed ROLLBACK means SQLite already
    /// rolled back (e.g. after SQLITE_FULL), so its result is deliberately not checked.
    /// Whether a transaction is open on this connection.
    var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    /// Rolls back the open transaction, if any.
    func rollbackIfOpen() { rollback() }

    private func rollback() {
        if sqlite3_get_autocommit(handle) == 0 {
            sqlite3_exec(handle, "ROLLBACK", nil, nil, nil)
        }
    }
}
