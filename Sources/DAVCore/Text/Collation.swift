import Foundation

/// A text comparison rule named by the Internet Application Protocol Collation Registry (RFC 4790 §3.1), as
/// CALDAV:text-match (RFC 4791 §9.7.5) and CARDDAV:text-match (RFC 6352 §10.5.4) name them.
///
/// Each protocol layer maps ``UnsupportedCollation`` to its own `supported-collation` precondition
/// (RFC 4791 §7.8, RFC 6352 §8.6), which is why this type throws a plain error rather than a `DAVError`.
public enum Collation: String, Sendable, Hashable, CaseIterable {
    /// `i;octet` (RFC 4790 §9.4): byte-wise comparison of the UTF-8 text.
    case octet = "i;octet"
    /// `i;ascii-casemap` (RFC 4790 §9.2): ASCII letters compare without case; other bytes as they are.
    case asciiCasemap = "i;ascii-casemap"
    /// `i;unicode-casemap` (RFC 5051 §2): compatibility decomposition, then simple case folding.
    case unicodeCasemap = "i;unicode-casemap"

    /// How the pattern must sit in the value (RFC 6352 §10.5.4 `match-type`; CalDAV always uses `contains`).
    public enum MatchType: String, Sendable, Hashable, CaseIterable {
        /// The whole value equals the pattern.
        case equals
        /// The pattern occurs anywhere in the value (the CalDAV rule, RFC 4791 §9.7.5).
        case contains
        /// The value begins with the pattern.
        case startsWith = "starts-with"
        /// The value ends with the pattern.
        case endsWith = "ends-with"
    }

    /// The collation `i;ascii-casemap` used when a text-match names none (RFC 4791 §9.7.5, RFC 6352 §10.5.4).
    public static let `default` = Collation.asciiCasemap

    /// The collation registered under `name` (RFC 4790 §3.1; names compare as given, RFC 4790 §3.2).
    ///
    /// - Throws: ``UnsupportedCollation`` for any other name.
    public init(named name: String) throws(UnsupportedCollation) {
        guard let collation = Collation(rawValue: name) else { throw UnsupportedCollation(name: name) }
        self = collation
    }

    /// Whether `pattern` sits in `value` as `matchType` asks, under this collation (RFC 4790 §4.2 substring
    /// and equality operations). An empty pattern matches every value except under `equals`.
    public func matches(_ value: String, pattern: String, matchType: MatchType = .contains) -> Bool {
        matches(value, patternKey: key(pattern), matchType: matchType)
    }

    /// ``matches(_:pattern:matchType:)`` with the pattern's ``key(_:)`` computed once by the caller, for a pattern
    /// tested against many values.
    public func matches(_ value: String, patternKey needle: [UInt8], matchType: MatchType = .contains) -> Bool {
        let haystack = key(value)
        switch matchType {
        case .equals: return haystack == needle
        case .startsWith: return haystack.starts(with: needle)
        case .endsWith: return haystack.reversed().starts(with: needle.reversed())
        case .contains: return Self.firstIndex(of: needle, in: haystack) != nil
        }
    }

    /// The bytes the collation compares (RFC 4790 §4.2): the UTF-8 text, ASCII-lowered, or decomposed and
    /// case-folded; two texts match under the collation exactly as their keys do byte for byte.
    public func key(_ text: String) -> [UInt8] {
        switch self {
        case .octet:
            return Array(text.utf8)
        case .asciiCasemap:
            return text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        case .unicodeCasemap:
            if text.utf8.allSatisfy({ $0 < 0x80 }) {
                return text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
            }
            let folded = text.decomposedStringWithCompatibilityMapping.folding(options: .caseInsensitive, locale: nil)
            return Array(folded.decomposedStringWithCompatibilityMapping.utf8)
        }
    }

    /// The first position of `needle` in `haystack` (naive search; filter texts are short).
    static func firstIndex(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard !needle.isEmpty else { return 0 }
        guard needle.count <= haystack.count else { return nil }
        for start in 0...(haystack.count - needle.count)
        where haystack[start] == needle[0] && haystack[start..<(start + needle.count)].elementsEqual(needle) {
            return start
        }
        return nil
    }
}

/// A `collation` attribute that names no supported collation (RFC 4790 §3.1). CalDAV answers it with
/// `CALDAV:supported-collation` (RFC 4791 §7.8), CardDAV with `CARDDAV:supported-collation` (RFC 6352 §8.6).
public struct UnsupportedCollation: Error, Sendable, Hashable {
    /// The collation name as the request gave it.
    public var name: String

    /// Creates the error for `name`.
    public init(name: String) {
        self.name = name
    }
}
