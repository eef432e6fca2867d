public import DAVXML

/// The principals a server knows, for the directory reports of RFC 3744 §9.4–§9.5 (Apple Calendar and
/// Evolution look up attendees this way).
public protocol PrincipalDirectory: Sendable {
    /// The principals whose searchable properties match: each `(property, text)` pair is a case-insensitive
    /// substring test; `allOf` requires every pair, otherwise any one suffices (RFC 3744 §9.4 `test`).
    func principals(matching terms: [(property: XMLName, text: String)], allOf: Bool, as principal: Principal)
        throws -> [DAVResource]

    /// The properties `principals(matching:)` can search (RFC 3744 §9.5).
    var searchableProperties: [XMLName] { get }
}
