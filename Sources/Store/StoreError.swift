import Foundation

/// Errors thrown by every `DataStore` operation. Callers map them to HTTP statuses
/// (RFC 4918 §9: 404, 409, 412, 507 …); the store never throws anything else except
/// the unchanged error of a caller-supplied precondition or content reader.
public enum StoreError: Error, Sendable, Equatable {
    /// An SQLite call failed; `code` is SQLite's extended result code, `message` its text.
    case sqlite(code: Int32, message: String)
    /// Nothing exists at the given path.
    case notFound(String)
    /// The path is already taken (create without overwrite, existing user).
    case alreadyExists(String)
    /// The parent of the path is missing or is not a collection (409 Conflict upstream).
    case parentMissing(String)
    /// The operation needs a collection but found a resource, or (for `putResource`)
    /// the target path is a collection.
    case notACollection(String)
    /// The request conflicts with the store's rules: invalid path, copy into itself,
    /// deleting a home collection, user already exists.
    case conflict(String)
    /// Another object in the collection already has the UID of the one being stored; carries that object's
    /// store path (RFC 4791 §5.3.2.1, RFC 6352 §6.3.2.1 `no-uid-conflict`).
    case uidConflict(existing: String)
    /// The write would take the owner's stored bytes over `StoreOptions.userQuota` (RFC 4331 §6 `DAV:quota-not-exceeded`, 507 upstream);
    /// the message gives the usage and the quota.
    case quotaExceeded(String)
    /// A file system error, including a full disk (ENOSPC); the message includes the errno text.
    case io(String)
    /// The database file could not be opened as a database; the message names the file.
    case corrupt(String)
}

extension StoreError {
    /// An `.io` error for the current `errno`, naming the operation and the file; a full file system (ENOSPC,
    /// EDQUOT) is marked so that `isOutOfSpace` recognises it.
    static func posix(_ operation: String, _ path: String, errno code: Int32) -> StoreError {
        let full = code == ENOSPC || code == EDQUOT ? " " + outOfSpaceMarker : ""
        return .io("\(operation) \(path): \(String(cString: strerror(code))) (errno \(code))\(full)")
    }

    /// Ends the message of every `.io` error caused by a full file system or database.
    static let outOfSpaceMarker = "(disk full)"

    /// Whether the file system or the database ran out of space (ENOSPC, EDQUOT, `SQLITE_FULL`): nothing was
    /// written, and the same write can succeed once space is freed (507 upstream).
    public var isOutOfSpace: Bool {
        guard case .io(let message) = self else { return false }
        return message.hasSuffix(Self.outOfSpaceMarker)
    }
}

extension StoreError: CustomStringConvertible {
    /// The message alone (it names the file or path concerned), for logs and command-line errors.
    public var description: String {
        switch self {
        case .sqlite(let code, let message): "\(message) (SQLite error \(code))"
        case .notFound(let path): "\(path) does not exist"
        case .alreadyExists(let path): "\(path) already exists"
        case .parentMissing(let path): "the parent of \(path) is missing or not a collection"
        case .notACollection(let path): "\(path) is not a collection"
        case .conflict(let message), .quotaExceeded(let message), .io(let message), .corrupt(let message): message
        case .uidConflict(let existing): "\(existing) already has this UID"
        }
    }
}
