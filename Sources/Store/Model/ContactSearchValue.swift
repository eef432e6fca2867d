/// One searchable property value of an address object (RFC 6352 §10.5.4 `text-match`), as the protocol layer
/// computes it at PUT: the property name, upper-cased and without group, and the value folded the way queries
/// compare it. Stored in `contact_search` (`Migration.contactSearch`) in the same transaction as the object.
///
/// An empty ``value`` stands for a value that is not indexed (too long): it is a candidate for every pattern.
public struct ContactSearchValue: Sendable, Hashable {
    /// The property name, e.g. `EMAIL`.
    public var name: String
    /// The folded value.
    public var value: String

    /// Creates a value.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
