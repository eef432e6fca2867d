import Foundation

/// The persistence facade: users, the per-user node tree, dead properties, change logs
/// and blob files in one data directory. Thread-safe; one instance per process and data
/// directory.
///
/// Concurrency: one writer connection serialised by a lock (`BEGIN IMMEDIATE`), plus up
/// to `StoreOptions.readerCount` reader connections; WAL mode, so reads never block the
/// writer. Every public write method is exactly one transaction and rolls back fully on
/// any thrown error. Durability: a write returns only after the WAL holding its commit was flushed (`WALSync`,
/// equivalent to `synchronous=FULL`, shared between concurrent writers), blob files fsynced (file and
/// directory) before the transaction that references them commits.
public final class DataStore: Sendable {
    /// The data directory (absolute).
    public let directory: String
    /// The SQLite database file, `<directory>/kalends.sqlite3`.
    public let databasePath: String
    let options: StoreOptions
    let pool: ConnectionPool
    let blobs: BlobStore
    let writeQueue: WriteQueue
    let lockPresence = LockPresence()
    let propertyCache = PropertyCache()
    let contactSearchCache = ContactSearchCache()
    let objectRowCache: ObjectRowCache
    let collectionCache = CollectionCache()
    let walSync: WALSync

    /// Opens or creates a store: creates `directory` (mode 0700), opens or creates
    /// `kalends.sqlite3`, applies pending migrations, removes stale temp blobs.
    /// Throws `.corrupt` naming the file if it is not a database (or is missing or empty beside
    /// existing blob files), `.io` for file errors, including a read-only database or directory.
    public init(directory: String, options: StoreOptions = StoreOptions()) throws {
        let absolute = absolutePath(directory)
        do {
            try FileManager.default.createDirectory(
                atPath: absolute,
                withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700]
            )
        } catch {
            throw StoreError.io("mkdir \(absolute): \(error.localizedDescription)")
        }
        self.directory = absolute
        databasePath = absolute + "/kalends.sqlite3"
        self.options = options
        objectRowCache = ObjectRowCache(budget: options.objectRowCacheBytes)
        blobs = BlobStore(root: absolute + "/blobs")
        try Self.checkWritable(directory: absolute, database: databasePath)
        try blobs.createDirectories()
        try Self.checkNotReplaced(database: databasePath, blobs: blobs)
        let pool = try ConnectionPool(path: databasePath, maxReaders: options.readerCount)
        self.pool = pool
        let environment = MigrationEnvironment(options: options, blobs: blobs)
        let inWALMode = try pool.withWriter { database in
            try Migrator.migrate(database, environment: environment)
            // Migrations commit with synchronous=FULL. In WAL mode later writes are flushed by `WALSync` before they
            // return; a file system that refused WAL mode keeps FULL, which flushes at every commit.
            guard try database.firstRow("PRAGMA journal_mode", [], { $0.text(0) }) == "wal" else { return false }
            try database.execute("PRAGMA synchronous=NORMAL")
            return true
        }
        let queue = WriteQueue()
        writeQueue = queue
        walSync = WALSync(databasePath: databasePath, flushes: inWALMode)
        removeOldTemporaries(olderThan: Date().addingTimeInterval(-600))
    }

    /// Runs `body` with a reader connection.
    func read<T>(_ body: (Database) throws(StoreError) -> T) throws(StoreError) -> T {
        try pool.withReader(body)
    }

    /// Unlinks those of `hashes` that no node references. Call under the writer lock: every commit so far is
    /// flushed first, so the check reads the state a crash would come back to; nothing is unlinked if that fails.
    func removeUnreferenced(_ hashes: Set<String>, database: Database) {
        guard !hashes.isEmpty, (try? walSync.sync(through: walSync.lastCommit)) != nil else { return }
        let nodes = NodeRepository(database: database)
        for hash in hashes where (try? nodes.isBlobReferenced(hash)) == false {
            blobs.remove(hash: hash)
        }
    }
}

/// The state of one write transaction: its connection and the blobs it touched.
final class WriteContext {
    let database: Database
    /// Blobs no longer referenced by a node this transaction changed or deleted.
    var releasedBlobs: Set<String> = []
    /// Blobs this transaction moved into place.
    var installedBlobs: Set<String> = []

    init(database: Database) {
        self.database = database
    }

    var nodes: NodeRepository { NodeRepository(database: database) }
    var changeLog: ChangeLogRepository { ChangeLogRepository(database: database) }
    var users: UserRepository { UserRepository(database: database) }
    var properties: PropertyRepository { PropertyRepository(database: database) }
    var objectIndex: ObjectIndexRepository { ObjectIndexRepository(database: database) }
    var locks: LockRepository { LockRepository(database: database) }
    var contactSearch: ContactSearchRepository { ContactSearchRepository(database: database) }

    /// The node at `path`, or `.notFound`.
    func existingNode(at path: String) throws(StoreError) -> StoreNode {
        guard let node = try nodes.node(at: path) else { throw .notFound(path) }
        return node
    }

    /// The collection that will hold `path`, or `.parentMissing` if it is absent, not a
    /// collection, or `path` is top-level.
    func parentCollection(of path: String) throws(StoreError) -> StoreNode {
        guard let parentPath = StorePath.parent(of: path), let parent = try nodes.node(at: parentPath),
            parent.isCollection
        else { throw .parentMissing(path) }
        return parent
    }

    /// The node at `path` (nil if none) and the collection that will hold it, in one query; `.parentMissing` as
    /// `parentCollection(of:)`.
    func nodeAndParentCollection(at path: String) throws(StoreError) -> (node: StoreNode?, parent: StoreNode) {
        guard let parentPath = StorePath.parent(of: path) else { throw .parentMissing(path) }
        let (node, parent) = try nodes.nodeAndParent(at: path, parentPath: parentPath)
        guard let parent, parent.isCollection else { throw .parentMissing(path) }
        return (node, parent)
    }

    /// Releases the blobs of a subtree and deletes it, with the locks rooted in it.
    func deleteTree(_ path: String) throws(StoreError) {
        releasedBlobs.formUnion(try nodes.blobHashes(inTree: path))
        try nodes.deleteTree(path)
        try locks.removeTree(path)
    }
}

/// `path` made absolute against the current directory, without trailing slashes.
func absolutePath(_ path: String) -> String {
    var result = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    while result.count > 1 && result.hasSuffix("/") { result.removeLast() }
    return result
}
