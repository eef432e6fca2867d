public import MIMEDir

/// An IMAGE property (RFC 7986 §5.10): a URI or inline BINARY with DISPLAY and FMTTYPE.
public struct CalendarImage: Sendable, Hashable {
    /// The URI, when `VALUE=URI`.
    public var uri: String?
    /// The decoded bytes, when `VALUE=BINARY;ENCODING=BASE64`.
    public var data: [UInt8]?
    /// FMTTYPE (RFC 5545 §3.2.8).
    public var mediaType: String?
    /// DISPLAY values, upper-cased (RFC 7986 §6.1), default `BADGE`.
    public var display: [String]

    /// Reads an IMAGE property (RFC 7986 §5.10).
    public init(property: Property) {
        let isBinary = property.parameterValue("VALUE").map { NameComparison.equal($0, "BINARY") } ?? false
        uri = isBinary ? nil : property.value
        data = isBinary ? Base64.decode(property.value) : nil
        mediaType = property.parameterValue("FMTTYPE")
        display = property.parameter("DISPLAY")?.values.map { $0.uppercased() } ?? ["BADGE"]
    }
}
