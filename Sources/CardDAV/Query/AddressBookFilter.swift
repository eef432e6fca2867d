public import VCardFormat

/// RFC 6352 §10.5 — CARDDAV:filter: which address objects an addressbook-query returns.
///
/// An empty filter matches every card. `test` combines the property filters: `anyof` (the RFC default) is a
/// logical OR, `allof` a logical AND.
public struct AddressBookFilter: Sendable, Hashable {
    /// The `test` attribute of `filter` and `prop-filter` (RFC 6352 §10.5, §10.5.1; default `anyof`).
    public enum Test: String, Sendable, Hashable, CaseIterable {
        /// Logical OR.
        case anyOf = "anyof"
        /// Logical AND.
        case allOf = "allof"

        /// Combines `results` under this test; evaluation stops as soon as the outcome is known.
        func combine(_ results: some Sequence<Bool>) -> Bool {
            switch self {
            case .anyOf: results.contains(true)
            case .allOf: !results.contains(false)
            }
        }
    }

    /// How the property filters combine.
    public var test: Test
    /// The `prop-filter` children, in request order.
    public var propertyFilters: [PropertyFilter]

    /// Creates a filter (RFC 6352 §10.5).
    public init(test: Test = .anyOf, propertyFilters: [PropertyFilter] = []) {
        self.test = test
        self.propertyFilters = propertyFilters
    }

    /// Whether `card` matches (RFC 6352 §10.5); a filter without property filters matches everything.
    public func matches(_ card: VCard) -> Bool {
        guard !propertyFilters.isEmpty else { return true }
        return test.combine(propertyFilters.lazy.map { $0.matches(card) })
    }
}
