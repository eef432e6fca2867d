public import HTTPWire

/// The kind of a resource: a plain file, or a collection of some type.
public struct ResourceKind: RawRepresentable, Hashable, Sendable {
    /// `file`, `plain` (folder), `home`, `calendar`, `addressbook`, …
    public let rawValue: String

    /// Creates a kind.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// A non-collection resource.
    public static let file = ResourceKind(rawValue: "file")
    /// A plain folder (RFC 4918 collection).
    public static let folder = ResourceKind(rawValue: "plain")
    /// A user's home collection.
    public static let home = ResourceKind(rawValue: "home")
    /// A CalDAV calendar collection (RFC 4791 §4.2).
    public static let calendar = ResourceKind(rawValue: "calendar")
    /// A CardDAV address book collection (RFC 6352 §5.2).
    public static let addressBook = ResourceKind(rawValue: "addressbook")
    /// A read-only collection the server synthesises (the DAV root, principal folders).
    public static let virtualCollection = ResourceKind(rawValue: "virtual")
    /// A principal (RFC 3744 §2), synthesised from a user.
    public static let principal = ResourceKind(rawValue: "principal")
    /// A principal's scheduling inbox (RFC 6638 §2.2), synthesised and empty: the server does no scheduling.
    public static let scheduleInbox = ResourceKind(rawValue: "schedule-inbox")
    /// A principal's scheduling outbox (RFC 6638 §2.1), synthesised and empty.
    public static let scheduleOutbox = ResourceKind(rawValue: "schedule-outbox")

    /// Whether the server synthesises resources of this kind (read-only, no change log).
    public var isSynthesised: Bool {
        self == .virtualCollection || self == .principal || self == .scheduleInbox || self == .scheduleOutbox
    }

    /// Whether resources of this kind are collections.
    public var isCollection: Bool { self != .file }
}

/// A snapshot of one resource's metadata, as a row: no live object, no I/O.
public struct DAVResource: Sendable, Hashable {
    /// The backend's identifier for the row (stable while the resource exists; 0 for synthesised ones).
    public var identifier: Int64
    /// Where it is.
    public var path: DAVPath
    /// What it is.
    public var kind: ResourceKind
    /// The strong entity tag.
    public var etag: EntityTag?
    /// The media type of a file.
    public var contentType: String?
    /// The size of a file in bytes (0 for collections).
    public var contentLength: Int64
    /// Creation time, epoch seconds.
    public var created: Int64
    /// Last modification, epoch seconds.
    public var lastModified: Int64
    /// Collections: the revision of the membership change log (RFC 6578 sync tokens, CTags); 0 for files.
    public var syncRevision: Int64

    /// Creates a snapshot.
    public init(
        identifier: Int64,
        path: DAVPath,
        kind: ResourceKind,
        etag: EntityTag?,
        contentType: String?,
        contentLength: Int64,
        created: Int64,
        lastModified: Int64,
        syncRevision: Int64 = 0
    ) {
        self.identifier = identifier
        self.path = path.asCollection(kind.isCollection)
        self.kind = kind
        self.etag = etag
        self.contentType = contentType
        self.contentLength = contentLength
        self.created = created
        self.lastModified = lastModified
        self.syncRevision = syncRevision
    }

    /// Whether this is a collection.
    public var isCollection: Bool { kind.isCollection }

    /// The state conditional requests are evaluated against.
    public var conditionalState: ConditionalRequest.ResourceState {
        ConditionalRequest.ResourceState(etag: etag, lastModified: lastModified, exists: true)
    }
}

/// Where the bytes of a file are.
public enum DAVContent: Sendable {
    /// In memory.
    case bytes([UInt8])
    /// In a file on disk (streamed with `sendfile`).
    case file(path: String, length: Int64)
}
