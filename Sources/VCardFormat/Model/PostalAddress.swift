public import MIMEDir

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
