public import MIMEDir

/// A CONFERENCE property (RFC 7986 §5.11): a URI with FEATURE and LABEL parameters.
public struct Conference: Sendable, Hashable {
    /// The URI to join.
    public var uri: String
    /// FEATURE values, upper-cased (RFC 7986 §6.3), e.g. `AUDIO`, `VIDEO`.
    public var features: [String]
    /// LABEL (RFC 7986 §6.4).
    public var label: String?

    /// Reads a CONFERENCE property (RFC 7986 §5.11).
    public init(property: Property) {
        uri = property.value
        features = property.parameter("FEATURE")?.values.map { $0.uppercased() } ?? []
        label = property.parameterValue("LABEL")
    }
}
