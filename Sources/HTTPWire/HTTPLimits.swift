/// Size limits enforced while reading a request, each with the status RFC 9110/6585 assigns when exceeded.
public struct HTTPLimits: Sendable, Hashable {
    /// Longest request line in bytes; longer gets 414 URI Too Long.
    public var maxRequestLineLength: Int
    /// Largest header block (request line included) in bytes; larger gets 431.
    public var maxHeaderBlockSize: Int
    /// Most header fields; more gets 431.
    public var maxHeaderCount: Int
    /// Largest request body after content decoding, in bytes; larger gets 413.
    public var maxBodySize: Int64
    /// Longest chunk-size line or trailer section of a chunked body; longer gets 400.
    public var maxChunkMetadataLength: Int

    /// Creates limits; defaults suit a calendar and file server.
    public init(
        maxRequestLineLength: Int = 8192,
        maxHeaderBlockSize: Int = 65_536,
        maxHeaderCount: Int = 200,
        maxBodySize: Int64 = 8 << 30,
        maxChunkMetadataLength: Int = 4096
    ) {
        self.maxRequestLineLength = maxRequestLineLength
        self.maxHeaderBlockSize = maxHeaderBlockSize
        self.maxHeaderCount = maxHeaderCount
        self.maxBodySize = maxBodySize
        self.maxChunkMetadataLength = maxChunkMetadataLength
    }
}
