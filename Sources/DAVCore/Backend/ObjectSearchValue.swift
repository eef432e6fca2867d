/// One property value an address object is searched by (RFC 6352 §10.5.4 `text-match`): the property name,
/// upper-cased and without group, and the value folded as the protocol compares it. The store keeps these beside
/// the object (`ObjectSummary.searchValues`) so a query finds candidates without reading every object.
public struct ObjectSearchValue: Sendable, Hashable {
    /// The property name, e.g. `EMAIL`.
    public var name: String
    /// The folded value; empty for a value too long to index, which every search must treat as a candidate.
    public var value: String

    /// Creates a value.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
