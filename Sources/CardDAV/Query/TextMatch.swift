public import DAVCore

extension AddressBookFilter {
    /// RFC 6352 §10.5.4 — CARDDAV:text-match: a substring or whole-value comparison under a collation
    /// (RFC 4790), optionally negated.
    public struct TextMatch: Sendable, Hashable {
        /// The collations CardDAV servers must support (RFC 6352 §8.3), shared with CalDAV.
        public typealias Collation = DAVCore.Collation
        /// The `match-type` attribute (RFC 6352 §10.5.4; default `contains`).
        public typealias MatchType = DAVCore.Collation.MatchType

        /// The text to look for, as written in the request (not trimmed).
        public var text: String { didSet { patternKey = collation.key(text) } }
        /// How values are compared.
        public var collation: Collation { didSet { patternKey = collation.key(text) } }
        /// Where in the value the text must occur.
        public var matchType: MatchType
        /// `negate-condition="yes"`: the test holds when the text does *not* match.
        public var negate: Bool
        /// `text` under `collation` (``Collation/key(_:)``), computed once rather than per tested value.
        private var patternKey: [UInt8]

        /// Creates a text match with the RFC 6352 §10.5.4 defaults.
        public init(
            _ text: String,
            collation: Collation = .unicodeCasemap,
            matchType: MatchType = .contains,
            negate: Bool = false
        ) {
            self.text = text
            self.collation = collation
            self.matchType = matchType
            self.negate = negate
            patternKey = collation.key(text)
        }

        /// Whether `value` satisfies the test, negation applied.
        public func matches(_ value: String) -> Bool {
            collation.matches(value, patternKey: patternKey, matchType: matchType) != negate
        }

        /// Whether the test holds for a multi-valued item (e.g. `TYPE=work,voice`): without negation some value
        /// matches; with negation no value does.
        public func matches(anyOf values: [String]) -> Bool {
            let found = values.contains { collation.matches($0, patternKey: patternKey, matchType: matchType) }
            return found != negate
        }
    }
}
