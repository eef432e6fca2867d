public import Foundation

/// A collection member as a listing reads it (RFC 4918 §9.1 `Depth: 1`): the columns of the listing index, without
/// the path, owner and content a `StoreNode` carries.
public struct StoreMember: Sendable, Hashable {
    /// The row id.
    public var id: Int64
    /// The last path segment.
    public var name: String
    /// The collection type; nil for a non-collection resource.
    public var collectionType: CollectionType?
    /// The strong entity tag without quotes, as `StoreNode.etag`.
    public var etag: String
    /// The media type given when the resource was stored.
    public var contentType: String?
    /// The body length in bytes; 0 for collections.
    public var contentLength: Int64
    /// When the node was created.
    public var created: Date
    /// When the content (resource) or the membership (collection) last changed.
    public var modified: Date
    /// Collections: the current change-log revision; resources: 0.
    public var syncRevision: Int64

    /// Whether the member is a collection.
    public var isCollection: Bool { collectionType != nil }

    /// Creates a value (the store creates these; public for tests and fakes).
    public init(
        id: Int64,
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
