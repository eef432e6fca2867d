public import MIMEDir

/// PHOTO, LOGO or SOUND content: inline bytes or a URI (RFC 6350 §6.2.4, RFC 2426 §3.1.4).
public enum VCardMedia: Sendable, Hashable {
    /// Inline data: v3 `ENCODING=b` base64 or v4 `data:` URI, with its media type if known.
    case inline(data: [UInt8], mediaType: String?)
    /// A reference to external content.
    case uri(String)

    /// Reads a PHOTO/LOGO/SOUND property in either version; nil if inline data is not valid base64.
    public init?(property: Property) {
        let value = property.value.trimmingSpaces
        if let encoding = property.parameterValue("ENCODING"),
            NameComparison.equal(encoding, "b") || NameComparison.equal(encoding, "BASE64")
        {
            guard let data = Base64.decode(value) else { return nil }
            let type = property.parameterValue("TYPE").map { "image/" + $0.lowercased() }
            self = .inline(data: data, mediaType: type)
            return
        }
        if value.utf8.count > 5, NameComparison.equal(String(value.prefix(5)), "data:") {
            guard let comma = value.firstIndex(of: ",") else { return nil }
            let header = value[value.index(value.startIndex, offsetBy: 5)..<comma]
            let isBase64 = header.lowercased().hasSuffix(";base64")
            let mediaType = header.split(separator: ";").first.map(String.init)
            let payload = String(value[value.index(after: comma)...])
            guard isBase64, let data = Base64.decode(payload) else { return nil }
            self = .inline(data: data, mediaType: mediaType)
            return
        }
        self = .uri(value)
    }
}
