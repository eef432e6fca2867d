import CSQLite
import Foundation

/// A value bound to a statement parameter.
enum SQLValue {
    case int(Int64)
    case double(Double)
    case text(String)
    case blob([UInt8])
    case null
}

/// SQLite's `SQLITE_TRANSIENT`: the bound bytes are copied before the call returns.
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// A prepared statement with typed binding and column access. Owned by its `Database`'s
/// statement cache; used only by the thread that holds that connection.
final class Statement {
    private let handle: OpaquePointer
    private unowned let database: Database

    /// Prepares `sql` (persistently, since it is cached).
    init(database: Database, sql: String) throws(StoreError) {
        var raw: OpaquePointer?
        let rc = sqlite3_prepare_v3(
            database.handle,
            sql,
            -1,
            UInt32(SQLITE_PREPARE_PERSISTENT),
            &raw,
            nil
        )
        guard rc == SQLITE_OK, let raw else { throw database.lastError(rc) }
        handle = raw
        self.database = database
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Binds `values` to parameters 1…n.
    func bind(_ values: [SQLValue]) throws(StoreError) {
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            switch value {
            case .int(let number): try bind(number, at: index)
            case .double(let number): try check(sqlite3_bind_double(handle, index, number))
            case .text(let string): try bind(string, at: index)
            case .blob(let bytes): try bind(bytes, at: index)
            case .null: try check(sqlite3_bind_null(handle, index))
            }
        }
    }

    /// Binds an integer to parameter `index` (1-based).
    func bind(_ value: Int64, at index: Int32) throws(StoreError) {
        try check(sqlite3_bind_int64(handle, index, value))
    }

    /// Binds UTF-8 text to parameter `index` (1-based).
    func bind(_ value: String, at index: Int32) throws(StoreError) {
        var copy = value
        let rc = copy.withUTF8 { utf8 in
            sqlite3_bind_text(handle, index, utf8.baseAddress, Int32(utf8.count), transient)
        }
        try check(rc)
    }

    /// Binds bytes to parameter `index` (1-based); an empty array binds a zero-length blob.
    func bind(_ value: [UInt8], at index: Int32) throws(StoreError) {
        let rc = value.withUnsafeBytes { bytes in
            if let base = bytes.baseAddress, !bytes.isEmpty {
                return sqlite3_bind_blob(handle, index, base, Int32(bytes.count), transient)
            }
            return sqlite3_bind_zeroblob(handle, index, 0)
        }
        try check(rc)
    }

    private func check(_ rc: Int32) throws(StoreError) {
        guard rc == SQLITE_OK else { throw database.lastError(rc) }
    }

    /// Advances to the next row: true if a row is available, false when done.
    func step() throws(StoreError) -> Bool {
        let rc = sqlite3_step(handle)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw database.lastError(rc)
        }
    }

    /// Resets the statement and clears its bindings so it can be reused.
    func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    /// Whether column `index` (0-based) is NULL.
    func isNull(_ index: Int32) -> Bool {
        sqlite3_column_type(handle, index) == SQLITE_NULL
    }

    /// Column `index` as an integer (0 for NULL).
    func int64(_ index: Int32) -> Int64 {
        sqlite3_column_int64(handle, index)
    }

    /// Column `index` as an integer, nil for NULL.
    func optionalInt64(_ index: Int32) -> Int64? {
        isNull(index) ? nil : int64(index)
    }

    /// Column `index` as a double (0 for NULL).
    func double(_ index: Int32) -> Double {
        sqlite3_column_double(handle, index)
    }

    /// Column `index` as text ("" for NULL).
    func text(_ index: Int32) -> String {
        guard let pointer = sqlite3_column_text(handle, index) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, index))
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    /// Column `index` as text, nil for NULL.
    func optionalText(_ index: Int32) -> String? {
        isNull(index) ? nil : text(index)
    }

    /// Column `index` as text, nil for NULL; `previous` itself when the column holds its bytes, so that a read of
    /// many rows sharing a value (a media type) makes one `String` rather than one per row.
    func optionalText(_ index: Int32, reusing previous: String?) -> String? {
        guard let pointer = sqlite3_column_text(handle, index) else { return nil }
        guard var previous else { return text(index) }
        let count = Int(sqlite3_column_bytes(handle, index))
        let same = previous.withUTF8 { bytes in
            guard bytes.count == count, let start = bytes.baseAddress else { return bytes.count == count }
            return memcmp(start, pointer, count) == 0
        }
        return same ? previous : text(index)
    }

    /// Runs `body` with column `index`'s bytes where SQLite holds them (empty for NULL), without copying; the
    /// buffer is valid only during the call.
    func withBytes<T>(_ index: Int32, _ body: (UnsafeRawBufferPointer) -> T) -> T {
        let pointer = sqlite3_column_blob(handle, index)
        return body(
            UnsafeRawBufferPointer(start: pointer, count: pointer == nil ? 0 : Int(sqlite3_column_bytes(handle, index)))
        )
    }

    /// Column `index` as bytes (empty for NULL or a zero-length blob).
    func blob(_ index: Int32) -> [UInt8] {
        guard let pointer = sqlite3_column_blob(handle, index) else { return [] }
        let count = Int(sqlite3_column_bytes(handle, index))
        return Array(UnsafeRawBufferPointer(start: pointer, count: count))
    }
}
