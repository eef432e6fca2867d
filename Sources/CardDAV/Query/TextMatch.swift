import Foundation

extension AddressBookFilter {
    /// RFC 6352 §10.5.4 — CARDDAV:text-match: a substring or whole-value comparison under a collation
    /// (RFC 4790), optionally negated.
    public struct TextMatch: Sendable, Hashable {
        /// The `match-type` attribute (RFC 6352 §10.5.4; default `contains`).
        public enum MatchType: String, Sendable, Hashable, CaseIterable {
            /// The whole value equals the text.
            case equals
            /// The text occurs anywhere in the value.
            case contains
            /// The value begins with the text.
            case startsWith = "starts-with"
            /// The value ends with the text.
            case endsWith = "ends-with"
        }

        /// The collations CardDAV servers must support (RFC 6352 §8.3).
        public enum Collation: String, Sendable, Hashable, CaseIterable {
            /// `i;octet` (RFC 4790 §9.3): byte-for-byte.
            case octet = "i;octet"
            /// `i;ascii-casemap` (RFC 4790 §9.2): ASCII letters compare without case.
            case asciiCasemap = "i;ascii-casemap"
            /// `i;unicode-casemap` (RFC 5051): titlecase, then NFKD; the CardDAV default.
            case unicodeCasemap = "i;unicode-casemap"
        }

        /// The text to look for, as written in the request (not trimmed).
        public var text: String
        /// How values are compared.
        public var collation: Collation
        /// Where in the value the text must occur.
        public var matchType: MatchType
        /// `negate-condition="yes"`: the test holds when the text does *not* match.
        public var negate: Bool

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
        }

        /// Whether `value` satisfies the test, negation applied.
        public func matches(_ value: String) -> Bool {
            matches(anyOf: [value])
        }

        /// Whether the test holds for a multi-valued item (e.g. `TYPE=work,voice`): without negation some value
        /// matches; with negation no value does.
        public func matches(anyOf values: [String]) -> Bool {
            let needle = collation.key(text)
            let found = values.contains { matchType.holds(needle, in: collation.key($0)) }
            return found != negate
        }
    }
}

extension AddressBookFilter.TextMatch.Collation {
    /// The octets compared under this collation (RFC 4790 §4.2: collations compare canonical keys).
    fileprivate func key(_ value: String) -> [UInt8] {
        switch self {
        case .octet:
            return Array(value.utf8)
        case .asciiCasemap:
            return value.utf8.map(Self.upper)
        case .unicodeCasemap:
            if value.utf8.allSatisfy({ $0 < 0x80 }) { return value.utf8.map(Self.upper) }
            return Array(Self.unicodeCasemapped(value).utf8)
        }
    }

    private static func upper(_ byte: UInt8) -> UInt8 {
        byte >= 0x61 && byte <= 0x7A ? byte - 0x20 : byte
    }

    /// RFC 5051 §2: each character to its simple titlecase mapping, then NFKD. Titlecase is applied once more
    /// after NFKD so that compatibility decompositions fold too (`ﬁ` → `fi` → `FI`).
    private static func unicodeCasemapped(_ value: String) -> String {
        titlecased(titlecased(value).decomposedStringWithCompatibilityMapping)
    }

    /// Each scalar replaced by its titlecase mapping when that is a single scalar (the simple mapping).
    private static func titlecased(_ value: String) -> String {
        var titled = String.UnicodeScalarView()
        for scalar in value.unicodeScalars {
            let mapping = scalar.properties.titlecaseMapping.unicodeScalars
            if mapping.count == 1, let single = mapping.first {
                titled.append(single)
            } else {
                titled.append(scalar)
            }
        }
        return String(titled)
    }
}

extension AddressBookFilter.TextMatch.MatchType {
    /// Whether `needle` occurs in `haystack` as this match type requires.
    fileprivate func holds(_ needle: [UInt8], in haystack: [UInt8]) -> Bool {
        switch self {
        case .equals:
            return needle == haystack
        case .startsWith:
            return haystack.starts(with: needle)
        case .endsWith:
            return haystack.reversed().starts(with: needle.reversed())
        case .contains:
            guard needle.count <= haystack.count else { return false }
            guard !needle.isEmpty else { return true }
            return (0...(haystack.count - needle.count)).contains { start in
                haystack[start..<(start + needle.count)].elementsEqual(needle)
            }
        }
    }
}
