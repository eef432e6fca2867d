import Foundation

extension DataStore {
    /// Verifies the store: `PRAGMA integrity_check`, `PRAGMA foreign_key_check`, tree
    /// consistency (path = parent.path + "/" + name, parents are collections of the same
    /// owner, roots are home collections), inline lengths, change rows not ahead of their
    /// collection's revision, and that every referenced blob
    /// exists with the right size — and, if `deep`, the right SHA-256. Reads one snapshot.
    public func check(deep: Bool = false) throws -> CheckReport {
        let (problems, blobRows) = try read { database throws(StoreError) in
            try database.readTransaction { () throws(StoreError) in
                (try Self.databaseProblems(database), try Self.blobReferences(database))
            }
        }
        var report = problems
        for (path, hash, length) in blobRows {
            guard let size = blobs.size(ofHash: hash) else {
                report.append("\(path): blob \(hash) is missing")
                continue
            }
            if size != length {
                report.append("\(path): blob \(hash) has \(size) bytes, expected \(length)")
            } else if deep, try blobs.computeHash(ofHash: hash) != hash {
                report.append("\(path): blob \(hash) content does not match its hash")
            }
        }
        return CheckReport(problems: report)
    }

    private static func databaseProblems(_ database: Database) throws(StoreError) -> [String] {
        var problems = try database.rows("PRAGMA integrity_check") { $0.text(0) }.filter { $0 != "ok" }
        problems += try database.rows("PRAGMA foreign_key_check") {
            "foreign key violation in \($0.text(0)) row \($0.int64(1)) → \($0.text(2))"
        }
        problems += try database.rows(
            """
            SELECT c.path FROM nodes c JOIN nodes p ON p.id = c.parent_id
            WHERE c.path <> p.path || '/' || c.name OR p.collection_type IS NULL OR c.owner_id <> p.owner_id
            """
        ) { "\($0.text(0)): inconsistent with its parent" }
        problems += try database.rows(
            """
            SELECT path FROM nodes WHERE parent_id IS NULL
                AND (collection_type IS NOT 'home' OR path <> name)
            """
        ) { "\($0.text(0)): root node is not a home collection" }
        problems += try database.rows(
            """
            SELECT path FROM nodes WHERE collection_type IS NULL AND blob_hash IS NULL
                AND (content IS NULL OR length(CAST(content AS BLOB)) <> content_length)
            """
        ) { "\($0.text(0)): inline content missing or of the wrong length" }
        problems += try database.rows(
            """
            SELECT n.path, c.name FROM changes c JOIN nodes n ON n.id = c.collection_id
            WHERE n.collection_type IS NULL OR c.revision > n.sync_revision
            """
        ) { "\($0.text(0)): change row for \($0.text(1)) is ahead of the collection's revision" }
        return problems
    }

    private static func blobReferences(_ database: Database) throws(StoreError) -> [(String, String, Int64)] {
        try database.rows("SELECT path, blob_hash, content_length FROM nodes WHERE blob_hash IS NOT NULL") {
            ($0.text(0), $0.text(1), $0.int64(2))
        }
    }

    /// Removes blob files that no node references (left by a crash or a failed
    /// transaction) and temp files older than a day; returns the number of blob files
    /// removed. Holds the writer lock so no write can be between installing a blob and
    /// committing its reference.
    public func collectOrphanBlobs() throws -> Int {
        try pool.withWriter { database in
            try walSync.sync(through: walSync.lastCommit)
            let referenced = try NodeRepository(database: database).referencedBlobHashes()
            var removed = 0
            for hash in try blobs.allHashes() where !referenced.contains(hash) {
                blobs.remove(hash: hash)
                removed += 1
            }
            removeOldTemporaries(olderThan: Date().addingTimeInterval(-86_400))
            return removed
        }
    }

    /// Removes upload temporaries not written to since `limit`: those a crash left behind. Fresher ones may
    /// belong to an upload in progress in another process (the server, while `kalends check` opens the store).
    func removeOldTemporaries(olderThan limit: Date) {
        let directory = blobs.temporaryDirectory
        for name in (try? listDirectory(directory)) ?? [] {
            let path = directory + "/" + name
            let modified = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
            if let modified, modified < limit { unlink(path) }
        }
    }

    /// Writes a consistent online copy to `directory`: the database via the SQLite backup
    /// API into `<directory>/kalends.sqlite3`, plus hard links (copies across file
    /// systems) of every referenced blob under `<directory>/blobs/`. Holds the writer lock
    /// for the duration so no blob can be unlinked mid-copy (readers keep running). The
    /// result opens with `DataStore` and passes `check()`. Throws `.alreadyExists` if the
    /// target database file exists, `.io` for file errors.
    public func backup(to directory: String) throws {
        let target = absolutePath(directory)
        do {
            try FileManager.default.createDirectory(
                atPath: target,
                withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700]
            )
        } catch {
            throw StoreError.io("mkdir \(target): \(error.localizedDescription)")
        }
        let targetDatabase = target + "/kalends.sqlite3"
        guard !FileManager.default.fileExists(atPath: targetDatabase) else {
            throw StoreError.alreadyExists(targetDatabase)
        }
        let targetBlobs = BlobStore(root: target + "/blobs")
        try targetBlobs.createDirectories()
        try pool.withWriter { database in
            let copy = try Database(path: targetDatabase, create: true, readOnly: false)
            try database.backup(into: copy)
            for hash in try NodeRepository(database: database).referencedBlobHashes() {
                try blobs.export(hash: hash, to: targetBlobs.root)
            }
        }
    }
}

extension DataStore {
    /// Copies every committed page from the write-ahead log into the database file and empties the log
    /// (`PRAGMA wal_checkpoint(TRUNCATE)`), so that after a clean stop `kalends.sqlite3` alone holds the data and a
    /// check at the next start reads the file as it is on disk. Waits for the write in progress, if any.
    public func checkpoint() throws {
        try pool.withWriter { database in try database.execute("PRAGMA wal_checkpoint(TRUNCATE)") }
    }
}
