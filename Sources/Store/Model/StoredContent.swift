/// Where a resource's bytes are.
public enum StoredContent: Sendable {
    /// The body, stored inline in the database (at most `StoreOptions.inlineLimit` bytes).
    case inline([UInt8])
    /// An absolute path of a content-addressed blob file and its length. Blob files are
    /// immutable; a concurrent replace may unlink it, so open it promptly.
    case file(path: String, length: Int64)
}

/// A pull-style body source: fills the buffer, returns the number of bytes written, 0 at
/// end. May throw (client disconnected, body too large) — then nothing is stored and the
/// error is rethrown unchanged.
public typealias ContentReader = (UnsafeMutableRawBufferPointer) throws -> Int
