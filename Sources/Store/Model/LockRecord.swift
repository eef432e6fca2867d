public import Foundation

/// A stored WebDAV write lock (RFC 4918 §6). The store keeps and finds these rows; what a lock means is the
/// DAV layer's business.
public struct LockRecord: Sendable, Hashable {
    /// The lock token (a `urn:uuid:` URI); the primary key.
    public var token: String
    /// The name of the user who took the lock.
    public var user: String
    /// The lock root as a store path (`alice/docs/a.txt`).
    public var path: String
    /// Whether the lock covers the whole subtree (`Depth: infinity`) rather than the root alone.
    public var isDeep: Bool
    /// Whether the lock is exclusive rather than shared.
    public var isExclusive: Bool
    /// The client's `DAV:owner` element, serialised verbatim.
    public var ownerXML: String?
    /// When the lock was taken.
    public var created: Date
    /// When it expires unless refreshed.
    public var expires: Date
    /// Whether a collection is at `path` now (read from the tree; ignored when a lock is created).
    public var isCollection: Bool

    /// Creates a value.
    public init(
        token: String,
        user: String,
        path: String,
        isDeep: Bool,
        isExclusive: Bool,
        ownerXML: String?,
        created: Date,
        expires: Date,
        isCollection: Bool = false
    ) {
        self.token = token
        self.user = user
        self.path = path
        self.isDeep = isDeep
        self.isExclusive = isExclusive
        self.ownerXML = ownerXML
        self.created = created
        self.expires = expires
        self.isCollection = isCollection
    }
}
