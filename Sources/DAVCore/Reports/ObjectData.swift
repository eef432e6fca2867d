/// The value of an object report's data property for one object (RFC 4791 §9.6 `calendar-data`, RFC 6352 §10.4
/// `address-data`): the bytes written, escaped, as the element's character data, and the media type its
/// `content-type` attribute names when the data is not in the default format (jCal, xCal, jCard).
public struct ObjectData: Sendable {
    /// The data, UTF-8.
    public var bytes: [UInt8]
    /// The `content-type` attribute; nil writes none.
    public var contentType: String?

    /// Creates a value.
    public init(bytes: [UInt8], contentType: String? = nil) {
        self.bytes = bytes
        self.contentType = contentType
    }
}
