/// One member's entry in a collection's change log (RFC 6578 §3).
public struct ChangeRecord: Sendable, Hashable {
    /// The member's name (last path segment).
    public var name: String
    /// The collection revision at which the member last changed.
    public var revision: Int64
    /// True for a tombstone: the member was deleted or moved away.
    public var deleted: Bool

    /// Creates a value.
    public init(name: String, revision: Int64, deleted: Bool) {
        self.name = name
        self.revision = revision
        self.deleted = deleted
    }
}

/// The answer to `DataStore.changes(in:since:)`.
public struct ChangeSet: Sendable {
    /// The collection's current revision (the new sync token's revision).
    public var revision: Int64
    /// The changed members, sorted by revision then name.
    public var changes: [ChangeRecord]

    /// Creates a value.
    public init(revision: Int64, changes: [ChangeRecord]) {
        self.revision = revision
        self.changes = changes
    }
}
