/// Options for opening a `DataStore`.
public struct StoreOptions: Sendable {
    /// Bodies up to this many bytes are stored inline in the database; larger ones
    /// go to content-addressed blob files.
    public var inlineLimit: Int = 65_536
    /// The maximum number of reader connections (created lazily, checked out per call).
    public var readerCount: Int = 8

    /// The default options.
    public init() {}
}
