public import MIMEDir

/// A value with TYPE and preference parameters, e.g. EMAIL or TEL (RFC 6350 §5.6, §5.3; RFC 2426 §3.3).
public struct TypedEntry: Sendable, Hashable {
    /// The value as written, unescaped for text values.
    public var value: String
    /// TYPE values, lower-cased, without `pref` (v3 bare parameters such as `;WORK` count as types).
    public var types: [String]
    /// The preference 1 (most) – 100 (RFC 6350 §5.3); v3 `TYPE=pref` maps to 1.
    public var preference: Int?
    /// The group, e.g. `item1` (RFC 6350 §3.3).
    public var group: String?

    /// Reads an entry from a property (RFC 6350 §5.6).
    public init(property: Property) {
        value = TextEscaping.unescape(property.value)
        group = property.group
        var types: [String] = []
        var preference: Int?
        for parameter in property.parameters {
            if parameter.matches("TYPE") {
                for type in parameter.values.flatMap({ $0.split(separator: ",") }) {
                    let lower = type.lowercased()
                    if lower == "pref" { preference = 1 } else { types.append(lower) }
                }
            } else if parameter.matches("PREF") {
                preference = Int(parameter.value)
            } else if parameter.values.isEmpty {
                let lower = parameter.name.lowercased()
                if lower == "pref" { preference = 1 } else { types.append(lower) }
            }
        }
        self.types = types
        self.preference = preference
    }
}

/// The N property's five fields (RFC 6350 §6.2.2, RFC 2426 §3.1.2).
public struct StructuredName: Sendable, Hashable {
    /// Family names.
    public var family: [String]
    /// Given names.
    public var given: [String]
    /// Additional names.
    public var additional: [String]
    /// Honorific prefixes.
    public var prefixes: [String]
    /// Honorific suffixes.
    public var suffixes: [String]

    /// Splits a raw N value (RFC 6350 §6.2.2); missing fields are empty.
    public init(value: String) {
        let fields = TextEscaping.structured(value).map { $0.filter { !$0.isEmpty } }
        func field(_ index: Int) -> [String] { index < fields.count ? fields[index] : [] }
        family = field(0)
        given = field(1)
        additional = field(2)
        prefixes = field(3)
        suffixes = field(4)
    }
}

/// The ADR property's seven fields with its types (RFC 6350 §6.3.1, RFC 2426 §3.2.1).
public struct PostalAddress: Sendable, Hashable {
    /// Post office box.
    public var poBox: String
    /// Extended address (apartment, suite).
    public var extended: String
    /// Street address.
    public var street: String
    /// Locality (city).
    public var locality: String
    /// Region (state, province).
    public var region: String
    /// Postal code.
    public var postalCode: String
    /// Country name.
    public var country: String
    /// TYPE values, lower-cased.
    public var types: [String]

    /// Reads an ADR property (RFC 6350 §6.3.1); missing fields are empty.
    public init(property: Property) {
        let fields = TextEscaping.structured(property.value).map { $0.joined(separator: ",") }
        func field(_ index: Int) -> String { index < fields.count ? fields[index] : "" }
        poBox = field(0)
        extended = field(1)
        street = field(2)
        locality = field(3)
        region = field(4)
        postalCode = field(5)
        country = field(6)
        types = TypedEntry(property: property).types
    }
}

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
