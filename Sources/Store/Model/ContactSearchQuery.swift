/// Which address objects a contact search asks the `contact_search` index for (RFC 6352 §10.5 filters, reduced
/// by the protocol layer to what the index can answer). The answer is a superset of the matches: the caller
/// still runs the exact filter on every object returned, except on those the index proves to satisfy the query
/// when the query says all the filter does.
public indirect enum ContactSearchQuery: Sendable, Hashable {
    /// Objects with a value of property `name` holding `text` as `match` says (compared byte for byte with the
    /// stored folded values; values stored empty always qualify). A text holding the bytes 0x1E or 0x1F only asks
    /// for the property.
    case value(name: String, text: String, match: ContactSearchMatch)
    /// Objects with some value of property `name`.
    case exists(name: String)
    /// Objects every one of these selects.
    case all([ContactSearchQuery])
    /// Objects at least one of these selects.
    case any([ContactSearchQuery])
}

/// Where a searched text must sit in a stored value (RFC 6352 §10.5.4 `match-type`).
public enum ContactSearchMatch: Sendable, Hashable {
    /// The whole value.
    case equals
    /// At the start.
    case startsWith
    /// At the end.
    case endsWith
    /// Anywhere.
    case contains
}

/// One node a contact search selects.
struct ContactSearchSelection: Sendable, Hashable {
    /// The node.
    var node: Int64
    /// Whether the node's indexed values alone satisfy the query: none it depends on was kept empty, so the
    /// caller's exact filter is only needed where the query is weaker than the filter.
    var proven: Bool
}
