import CSQLite

extension Database {
    /// Copies this whole database into `destination` with the online backup API
    /// (`sqlite3_backup_*`, all pages in one step, so the copy is one consistent snapshot).
    func backup(into destination: Database) throws(StoreError) {
        guard let backup = sqlite3_backup_init(destination.handle, "main", handle, "main") else {
            throw destination.lastError(sqlite3_errcode(destination.handle))
        }
        let stepResult = sqlite3_backup_step(backup, -1)
        let finishResult = sqlite3_backup_finish(backup)
        guard stepResult == SQLITE_DONE else { throw destination.lastError(stepResult) }
        guard finishResult == SQLITE_OK else { throw destination.lastError(finishResult) }
    }
}
