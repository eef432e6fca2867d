import CSQLite

/// One SQLite connection, used by one thread at a time (opened with
/// `SQLITE_OPEN_NOMUTEX`; the `ConnectionPool` hands it to a single caller at a time).
/// Not `Sendable`: it never crosses threads except through the pool's lock.
final class Database {
    /// The raw connection handle.
    let handle: OpaquePointer
    /// The database file's path, for error messages.
    let path: String
    /// Prepared statements by SQL text (per connection).
    private var cache: [String: Statement] = [:]

    /// Opens (creating if `create`) the file and applies the connection pragmas:
    /// `busy_timeout` 5000 ms, `foreign_keys=ON`, `synchronous=FULL`, and `journal_mode=WAL`
    /// for the writer. Throws `.corrupt` naming the file if it is not a database.
    init(path: String, create: Bool, readOnly: Bool) throws(StoreError) {
        _ = Self.libraryConfigured
        var raw: OpaquePointer?
        var flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX
        if create { flags |= SQLITE_OPEN_CREATE }
        let rc = sqlite3_open_v2(path, &raw, flags, nil)
        guard rc == SQLITE_OK, let raw else {
            let message = raw.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(raw)
            throw Self.openError(code: rc, message: message, path: path)
        }
        handle = raw
        self.path = path
        sqlite3_extended_result_codes(raw, 1)
        sqlite3_busy_timeout(raw, 5000)
        do {
            if !readOnly { try execute("PRAGMA journal_mode=WAL") }
            try execute("PRAGMA synchronous=FULL")
            try execute("PRAGMA foreign_keys=ON")
            if readOnly { try execute("PRAGMA query_only=ON") }
        } catch {
            // `lastError` already named the file for corruption and a full disk.
            guard case .sqlite(let code, let message) = error else { throw error }
            throw Self.openError(code: code, message: message, path: path)
        }
    }

    /// Bytes of a statement's or savepoint's journal kept in memory before SQLite moves it to a temporary file:
    /// a write batched with others runs in a savepoint (`WriteQueue`), and a card or event PUT changes 70–80 KB of
    /// pages, over SQLite's default of 64 KiB, so each batched write created, unlinked and wrote a file in the temp
    /// directory. Only the writer connection journals, one savepoint at a time.
    static let statementJournalSpill = 1 << 20

    /// Configures the SQLite library once, before its first use in the process (`sqlite3_config` must precede
    /// `sqlite3_initialize`; when something else initialized it first, the defaults stay). Allocation statistics
    /// are off: nothing reads them (no soft heap limit), and keeping them serialised every allocation of every
    /// connection on one mutex.
    private static let libraryConfigured: Void = {
        _ = kalends_sqlite3_config_statement_journal_spill(Int32(statementJournalSpill))
        _ = kalends_sqlite3_config_memory_statistics(0)
        _ = sqlite3_initialize()
    }()

    deinit {
        cache.removeAll()
        sqlite3_close_v2(handle)
    }

    /// Maps an open-time failure: "not a database" and corruption become `.corrupt`.
    private static func openError(code: Int32, message: String, path: String) -> StoreError {
        switch code & 0xFF {
        case SQLITE_NOTADB, SQLITE_CORRUPT:
            return .corrupt("\(path): \(message)")
        case SQLITE_CANTOPEN:
            return .io("cannot open \(path): \(message)")
        default:
            return .sqlite(code: code, message: "\(path): \(message)")
        }
    }

    /// The error for the connection's last failed call. `SQLITE_FULL` becomes `.io`.
    func lastError(_ code: Int32) -> StoreError {
        let message = String(cString: sqlite3_errmsg(handle))
        switch code & 0xFF {
        case SQLITE_FULL:
            return .io("\(path): \(message) \(StoreError.outOfSpaceMarker)")
        case SQLITE_NOTADB, SQLITE_CORRUPT:
            return .corrupt("\(path): \(message)")
        default:
            return .sqlite(code: code, message: message)
        }
    }

    /// Runs one or more SQL statements without parameters (`sqlite3_exec`).
    func execute(_ sql: String) throws(StoreError) {
        let rc = sqlite3_exec(handle, sql, nil, nil, nil)
        guard rc == SQLITE_OK else { throw lastError(rc) }
    }

    /// Returns the cached prepared statement for `sql`, preparing it on first use.
    func statement(_ sql: String) throws(StoreError) -> Statement {
        if let cached = cache[sql] { return cached }
        let statement = try Statement(database: self, sql: sql)
        cache[sql] = statement
        return statement
    }

    /// Binds `values`, runs `body` with the statement positioned before its first row,
    /// and resets the statement afterwards (so no read snapshot stays open).
    func withStatement<T>(
        _ sql: String,
        _ values: [SQLValue] = [],
        _ body: (Statement) throws(StoreError) -> T
    ) throws(StoreError) -> T {
        let statement = try self.statement(sql)
        defer { statement.reset() }
        try statement.bind(values)
        return try body(statement)
    }

    /// Runs a statement that returns no rows; returns the number of rows changed.
    @discardableResult
    func run(_ sql: String, _ values: [SQLValue] = []) throws(StoreError) -> Int {
        try withStatement(sql, values) { statement throws(StoreError) in
            while try statement.step() {}
            return Int(sqlite3_changes(handle))
        }
    }

    /// Collects every row of a query through `row`.
    func rows<T>(
        _ sql: String,
        _ values: [SQLValue] = [],
        _ row: (Statement) throws(StoreError) -> T
    ) throws(StoreError) -> [T] {
        try withStatement(sql, values) { statement throws(StoreError) in
            var result: [T] = []
            while try statement.step() { result.append(try row(statement)) }
            return result
        }
    }

    /// The first row of a query through `row`, or nil if there is none.
    func firstRow<T>(
        _ sql: String,
        _ values: [SQLValue] = [],
        _ row: (Statement) throws(StoreError) -> T
    ) throws(StoreError) -> T? {
        try withStatement(sql, values) { statement throws(StoreError) in
            try statement.step() ? try row(statement) : nil
        }
    }

    /// The rowid of the last successful INSERT on this connection.
    var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }
}
