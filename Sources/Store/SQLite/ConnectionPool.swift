import Foundation

/// One writer connection behind a lock plus a lazily grown pool of reader connections.
///
/// `@unchecked Sendable` because it hands non-Sendable `Database` objects to callers:
/// the writer only while `writerLock` is held, a reader only while it is checked out of
/// `idleReaders` (guarded by `condition`). No connection is ever used by two threads
/// at once, which is what `SQLITE_OPEN_NOMUTEX` requires.
final class ConnectionPool: @unchecked Sendable {
    private let path: String
    private let writer: Database
    private let writerLock = NSLock()
    private let maxReaders: Int
    private let condition = NSCondition()
    private var idleReaders: [Database] = []
    private var openedReaders = 0

    /// Opens the writer connection (creating the file); readers open on demand.
    init(path: String, maxReaders: Int) throws(StoreError) {
        self.path = path
        self.maxReaders = max(1, maxReaders)
        writer = try Database(path: path, create: true, readOnly: false)
    }

    /// Runs `body` with the writer connection, holding the writer lock throughout.
    func withWriter<T>(_ body: (Database) throws -> T) rethrows -> T {
        writerLock.lock()
        defer { writerLock.unlock() }
        return try body(writer)
    }

    /// Runs `body` with a checked-out reader connection; waits if all are busy.
    func withReader<T>(_ body: (Database) throws(StoreError) -> T) throws(StoreError) -> T {
        let reader = try checkOut()
        defer { checkIn(reader) }
        return try body(reader)
    }

    private func checkOut() throws(StoreError) -> Database {
        condition.lock()
        while idleReaders.isEmpty && openedReaders >= maxReaders {
            condition.wait()
        }
        if let reader = idleReaders.popLast() {
            condition.unlock()
            return reader
        }
        openedReaders += 1
        condition.unlock()
        do {
            return try Database(path: path, create: false, readOnly: true)
        } catch {
            condition.lock()
            openedReaders -= 1
            condition.signal()
            condition.unlock()
            throw error
        }
    }

    private func checkIn(_ reader: Database) {
        condition.lock()
        idleReaders.append(reader)
        condition.signal()
        condition.unlock()
    }
}
