/// Options for opening a `DataStore`.
public struct StoreOptions: Sendable {
    /// Bodies up to this many bytes are stored inline in the database; larger ones
    /// go to content-addressed blob files.
    public var inlineLimit: Int = 65_536
    /// The maximum number of reader connections (created lazily, checked out per call).
    public var readerCount: Int = 8
    /// Bytes of file content each user may store (RFC 4331); 0 means no quota. A write that would leave a user
    /// over it with more bytes than before throws `.quotaExceeded` and changes nothing.
    public var userQuota: Int64 = 0
    /// Bytes of recently read objects (member columns and inline content) the object reports may keep in memory
    /// (`ObjectRowCache`): 16 MiB, a month of a 100,000-event calendar twice over; 0 keeps none.
    public var objectRowCacheBytes = 16 << 20
    /// The searchable values of an address object's stored bytes (nil when they are not a card), as the
    /// protocol layer computes them at PUT. The migration that creates `contact_search` fills it for the cards
    /// already stored with this; opening an older store that holds cards without it throws `.conflict`.
    public var contactSearchValues: (@Sendable ([UInt8]) -> [ContactSearchValue]?)?

    /// The default options.
    public init() {}
}
