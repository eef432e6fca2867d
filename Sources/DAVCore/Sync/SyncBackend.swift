/// A backend that keeps a change log per collection (RFC 6578 §3): what changed among a collection's direct
/// members since a revision, tombstones included.
public protocol SyncBackend: Sendable {
    /// Members changed after `revision` (oldest first, deleted ones as tombstones), or every current member when
    /// `revision` is nil (initial sync); and the collection's current revision. Throws `DAVError`.
    func changes(in collection: DAVPath, since revision: Int64?, as principal: Principal) throws -> MemberChanges
}

/// The answer of `SyncBackend.changes(in:since:as:)`.
public struct MemberChanges: Sendable {
    /// One changed member.
    public struct Change: Sendable, Hashable {
        /// The member's name (last path segment).
        public var name: String
        /// The revision at which it last changed.
        public var revision: Int64
        /// Whether it is gone (a tombstone).
        public var deleted: Bool

        /// Creates a change.
        public init(name: String, revision: Int64, deleted: Bool) {
            self.name = name
            self.revision = revision
            self.deleted = deleted
        }
    }

    /// The collection's current revision.
    public var revision: Int64
    /// The changes, in revision order.
    public var changes: [Change]

    /// Creates a value.
    public init(revision: Int64, changes: [Change]) {
        self.revision = revision
        self.changes = changes
    }
}
