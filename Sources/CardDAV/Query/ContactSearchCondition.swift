public import DAVCore

/// A necessary condition of an ``AddressBookFilter`` (RFC 6352 §10.5) on a card's ``ContactSearchValues``, which
/// the store indexes: a card that matches the filter satisfies it, so the store can select candidates without
/// reading every card, and the full filter runs on the candidates only.
///
/// A text-match whose pattern has an index key (see `value(of:name:)`) becomes a lookup of that key
/// among the values of its property — exact for `i;unicode-casemap`, whose key the values are stored under, and a
/// superset for the other collations. Negated matches, parameter filters and patterns without a key only require
/// the property to exist; `is-not-defined` and filters on ``ContactSearchValues/unindexedNames`` say nothing the
/// index can use.
public indirect enum ContactSearchCondition: Sendable, Hashable {
    /// Every card: the index cannot narrow this filter.
    case everything
    /// Cards with a value of property `name` holding `key` as `match` says (`key`: the folded pattern).
    case value(name: String, key: String, match: Collation.MatchType)
    /// Cards with some value of property `name`.
    case exists(name: String)
    /// Cards satisfying every one of these.
    case all([ContactSearchCondition])
    /// Cards satisfying at least one of these.
    case any([ContactSearchCondition])

    /// The condition of `filter`.
    public init(_ filter: AddressBookFilter) {
        self =
            filter.propertyFilters.isEmpty
            ? .everything : Self.combine(filter.test, filter.propertyFilters.map(Self.init))
    }

    /// Whether the index can narrow the filter at all.
    public var narrows: Bool { self != .everything }

    /// Whether a card whose indexed values satisfy `filter`'s condition matches `filter` — so the query need not
    /// test it. True when every property filter names an indexed property without a group and asks only for its
    /// existence or for `i;unicode-casemap` text matches that are not negated (the stored values are that
    /// collation's keys), combined by `anyof` when there are several: an `allof` of text matches must hold for
    /// one property instance, which the values of a card do not tell apart.
    public static func decides(_ filter: AddressBookFilter) -> Bool {
        !filter.propertyFilters.isEmpty && filter.propertyFilters.allSatisfy(decides)
    }

    private static func decides(_ filter: AddressBookFilter.PropertyFilter) -> Bool {
        guard !filter.isNotDefined, filter.parameterFilters.isEmpty, !filter.name.utf8.contains(UInt8(ascii: ".")),
            !ContactSearchValues.unindexedNames.contains(ContactSearchValues.indexName(filter.name)),
            filter.textMatches.count <= 1 || filter.test == .anyOf
        else { return false }
        return filter.textMatches.allSatisfy { match in
            !match.negate && match.collation == .unicodeCasemap && value(of: match, name: "") != nil
        }
    }

    private init(_ filter: AddressBookFilter.PropertyFilter) {
        let name = ContactSearchValues.indexName(filter.name)
        guard !filter.isNotDefined, !ContactSearchValues.unindexedNames.contains(name) else {
            self = .everything
            return
        }
        let texts = filter.textMatches.compactMap { Self.value(of: $0, name: name) }
        switch filter.test {
        case .anyOf where filter.parameterFilters.isEmpty && texts.count == filter.textMatches.count && !texts.isEmpty:
            self = texts.count == 1 ? texts[0] : .any(texts)
        case .allOf where !texts.isEmpty:
            self = texts.count == 1 ? texts[0] : .all(texts)
        default:
            self = .exists(name: name)
        }
    }

    /// The lookup for one text-match of property `name`; nil when the index cannot judge the pattern: negated,
    /// or a non-ASCII pattern under a collation other than `i;unicode-casemap` (the stored keys are
    /// `i;unicode-casemap` keys, which keep ASCII runs but not other bytes). An empty pattern has no key but for
    /// `equals`.
    private static func value(of match: AddressBookFilter.TextMatch, name: String) -> ContactSearchCondition? {
        guard !match.negate else { return nil }
        let key: [UInt8]
        switch match.collation {
        case .unicodeCasemap:
            key = Collation.unicodeCasemap.key(match.text)
        case .asciiCasemap, .octet:
            guard match.text.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
            key = Collation.asciiCasemap.key(match.text)
        }
        guard !key.isEmpty || match.matchType == .equals else { return nil }
        return .value(name: name, key: String(decoding: key, as: UTF8.self), match: match.matchType)
    }

    private static func combine(_ test: AddressBookFilter.Test, _ conditions: [ContactSearchCondition])
        -> ContactSearchCondition
    {
        switch test {
        case .anyOf:
            if conditions.contains(.everything) { return .everything }
            return conditions.count == 1 ? conditions[0] : .any(conditions)
        case .allOf:
            let binding = conditions.filter { $0 != .everything }
            if binding.isEmpty { return .everything }
            return binding.count == 1 ? binding[0] : .all(binding)
        }
    }
}
