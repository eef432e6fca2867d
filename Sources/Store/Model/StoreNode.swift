public import Foundation

/// A collection or resource in a user's tree (RFC 4918 §5: the URL namespace).
public struct StoreNode: Sendable, Hashable {
    /// The row id; never reused, so it can be part of a sync token.
    public var id: Int64
    /// The owning user's id.
    public var ownerID: Int64
    /// The parent collection's id; nil only for a home collection.
    public var parentID: Int64?
    /// `"alice"`, `"alice/calendar"`, `"alice/docs/a.txt"` — no leading or trailing slash.
    public var path: String
    /// The last path segment.
    public var name: String
    /// The collection type; nil for a non-collection resource.
    public var collectionType: CollectionType?
    /// Whether the node is a collection.
    public var isCollection: Bool { collectionType != nil }
    /// The strong entity tag WITHOUT quotes (RFC 9110 §8.8.3): derived from the content's
    /// SHA-256 for resources, from the node id and sync revision for collections.
    public var etag: String
    /// The media type given when the resource was stored.
    public var contentType: String?
    /// The body length in bytes; 0 for collections.
    public var contentLength: Int64
    /// When the node was created.
    public var created: Date
    /// When the content (resource) or the membership (collection) last changed.
    public var modified: Date
    /// Collections: the current change-log revision (RFC 6578); resources: 0.
    public var syncRevision: Int64

    /// Creates a value (the store creates these; public for tests and fakes).
    public init(
        id: Int64,
        ownerID: Int64,
        parentID: Int64?,
        path: String,
        name: String,
        collectionType: CollectionType?,
        etag: String,
        contentType: String?,
        contentLength: Int64,
        created: Date,
        modified: Date,
        syncRevision: Int64
    ) {
        self.id = id
        self.ownerID = ownerID
        self.parentID = parentID
        self.path = path
        self.name = name
        self.collectionType = collectionType
        self.etag = etag
        self.contentType = contentType
        self.contentLength = contentLength
        self.created = created
        self.modified = modified
        self.syncRevision = syncRevision
    }
}
