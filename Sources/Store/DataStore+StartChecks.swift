import Foundation

/// Checks made before the database is opened, so that a data directory that cannot work fails at once with an error
/// naming the file, and nothing is written to it.
extension DataStore {
    /// Refuses a read-only data directory or database file: SQLite would open a read-only file read-only without
    /// complaint (every later write failing), and it needs to create `-wal` and `-shm` files beside the database.
    static func checkWritable(directory: String, database: String) throws(StoreError) {
        if access(directory, W_OK) != 0 {
            let reason = String(cString: strerror(errno))
            throw .io(
                "the data directory \(directory) is not writable (\(reason)); the database needs to create its -wal "
                    + "and -shm files there"
            )
        }
        if access(database, F_OK) == 0, access(database, R_OK | W_OK) != 0 {
            throw .io("the database \(database) is not writable: \(String(cString: strerror(errno)))")
        }
    }

    /// Refuses to create a new database beside existing blob files: a missing or empty `kalends.sqlite3` would be
    /// created afresh, and the start-up sweep would then delete every blob as unreferenced.
    static func checkNotReplaced(database: String, blobs: BlobStore) throws(StoreError) {
        var info = stat()
        if stat(database, &info) == 0, info.st_size > 0 { return }
        let count = try blobs.allHashes().count
        guard count > 0 else { return }
        throw .corrupt(
            "the database \(database) is missing or empty, but \(blobs.root) holds \(count) content files; refusing "
                + "to create a new database beside them. Restore the database from a backup, or move the blobs "
                + "directory away to start afresh"
        )
    }

    /// `PRAGMA quick_check` over the whole database (reads every page, about a second per few hundred MB): the
    /// server runs it before anything relies on the tables, so a damaged database stops the start with an error
    /// naming the file instead of failing requests later, or hiding blob references from the start-up sweep.
    public func quickCheck() throws(StoreError) {
        let problems = try read { database throws(StoreError) in
            try database.rows("PRAGMA quick_check") { $0.text(0) }.filter { $0 != "ok" }
        }
        guard !problems.isEmpty else { return }
        throw .corrupt("\(databasePath) is damaged: " + problems.prefix(3).joined(separator: "; "))
    }
}
