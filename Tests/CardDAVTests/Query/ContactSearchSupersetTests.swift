import CardDAV
import DAVCore
import Testing
import VCardFormat

/// The index may only narrow: every card the real filter matches must satisfy the filter's condition on the
/// card's indexed values, for every collation and match type, with and without negation, and on odd text.
@Suite("Contact search: the index never loses a match (RFC 6352 §10.5.4)")
struct ContactSearchSupersetTests {
    typealias PropertyFilter = AddressBookFilter.PropertyFilter
    typealias TextMatch = AddressBookFilter.TextMatch

    static let cards = [
        "EMAIL:anna.schmidt@example.org\r\nFN:Anna Schmidt",
        "EMAIL;TYPE=work:SCHMIDT@EXAMPLE.ORG\r\nFN:Schmidt",
        "item1.EMAIL:ſchmidt@example.org\r\nFN:Stra\\, ße",
        "EMAIL:ｓｃｈｍｉｄｔ@example.org\r\nFN:Ａｎｎａ",
        "FN:Müller\r\nNOTE:line one\\nline two schmidt\r\nN:Müller;Jürgen;;;",
        "FN:Weiß\r\nEMAIL:weiss@example.org\r\nTEL:+49 30 1234",
        "FN:Kelvin K\r\nTEL;TYPE=cell:+49 170 5555",
        "FN:\(String(repeating: "lang ", count: 200))schmidt",
    ].map { body in
        try! VCard.parse("BEGIN:VCARD\r\nVERSION:3.0\r\nUID:x\r\n\(body)\r\nEND:VCARD\r\n")
    }

    static let patterns = [
        "schmidt", "SCHMIDT", "Schmidt@example.org", "strasse", "Straße", "STRA, SS", "müller", "MU", "weiss", "weiß",
        "+49", "5555", "anna", "ａｎｎａ", "k", "", "two", "line two", "lang schmidt",
    ]

    /// Whether `condition` holds over `values` as the store evaluates it.
    static func holds(_ condition: ContactSearchCondition, _ values: [ObjectSearchValue]) -> Bool {
        switch condition {
        case .everything: return true
        case .exists(let name): return values.contains { $0.name == name }
        case .all(let conditions): return conditions.allSatisfy { holds($0, values) }
        case .any(let conditions): return conditions.contains { holds($0, values) }
        case .value(let name, let key, let match):
            return values.contains { value in
                guard value.name == name else { return false }
                if value.value.isEmpty { return true }
                let stored = Array(value.value.utf8)
                let needle = Array(key.utf8)
                switch match {
                case .equals: return stored == needle
                case .startsWith: return stored.starts(with: needle)
                case .endsWith: return stored.reversed().starts(with: needle.reversed())
                case .contains:
                    return needle.isEmpty
                        || (0...max(0, stored.count - needle.count)).contains {
                            stored.count >= needle.count && Array(stored[$0..<($0 + needle.count)]) == needle
                        }
                }
            }
        }
    }

    /// Every text match over ``patterns``: each collation, match type, with and without negation.
    static let textMatches: [TextMatch] = patterns.flatMap { pattern in
        Collation.allCases.flatMap { collation in
            Collation.MatchType.allCases.flatMap { matchType in
                [false, true].map { TextMatch(pattern, collation: collation, matchType: matchType, negate: $0) }
            }
        }
    }

    static func describe(_ text: TextMatch, _ name: String, _ card: VCard) -> String {
        "\(name) \(text.collation) \(text.matchType) \(text.negate) \(text.text) on \(card.text)"
    }

    @Test("Every card the filter matches satisfies its condition, for all collations and match types")
    func indexIsASuperset() {
        var checked = 0
        for card in Self.cards {
            let values = ContactSearchValues.of(card)
            for text in Self.textMatches {
                for name in ["EMAIL", "FN", "NOTE", "N", "TEL", "x.EMAIL"] {
                    let filter = AddressBookFilter(propertyFilters: [PropertyFilter(name: name, textMatches: [text])])
                    guard filter.matches(card) else { continue }
                    checked += 1
                    #expect(Self.holds(ContactSearchCondition(filter), values), "\(Self.describe(text, name, card))")
                }
            }
        }
        #expect(checked > 500)
    }

    /// Whether the indexed `values` alone satisfy `condition`, as the store proves it: an empty (not indexed)
    /// value proves nothing.
    static func proves(_ condition: ContactSearchCondition, _ values: [ObjectSearchValue]) -> Bool {
        switch condition {
        case .everything: return false
        case .exists(let name): return values.contains { $0.name == name }
        case .all(let conditions): return conditions.allSatisfy { proves($0, values) }
        case .any(let conditions): return conditions.contains { proves($0, values) }
        case .value:
            return holds(condition, values.filter { !$0.value.isEmpty })
        }
    }

    @Test("A card whose indexed values prove a deciding condition matches the filter")
    func decidingConditionsNeedNoTest() {
        var decided = 0
        var proven = 0
        for card in Self.cards {
            let values = ContactSearchValues.of(card)
            for text in Self.textMatches {
                for name in ["EMAIL", "FN", "NOTE", "N", "TEL", "x.EMAIL", "PHOTO"] {
                    let filters = [
                        AddressBookFilter(propertyFilters: [PropertyFilter(name: name, textMatches: [text])]),
                        AddressBookFilter(
                            test: .allOf,
                            propertyFilters: [
                                PropertyFilter(name: name, textMatches: [text]), PropertyFilter(name: "FN"),
                            ]
                        ),
                        AddressBookFilter(propertyFilters: [
                            PropertyFilter(name: name, test: .allOf, textMatches: [text, TextMatch("a")])
                        ]),
                    ]
                    for filter in filters where ContactSearchCondition.decides(filter) {
                        decided += 1
                        guard Self.proves(ContactSearchCondition(filter), values) else { continue }
                        proven += 1
                        #expect(filter.matches(card), "\(Self.describe(text, name, card))")
                    }
                }
            }
        }
        #expect(decided > 500)
        #expect(proven > 50)
    }

    @Test("Negated, parameter, grouped, unindexed and all-of text filters are not decided by the index")
    func weakerConditionsDoNotDecide() {
        let schmidt = TextMatch("schmidt")
        let undecided = [
            AddressBookFilter(propertyFilters: [
                PropertyFilter(name: "EMAIL", textMatches: [TextMatch("x", negate: true)])
            ]),
            AddressBookFilter(propertyFilters: [
                PropertyFilter(name: "EMAIL", textMatches: [TextMatch("x", collation: .asciiCasemap)])
            ]),
            AddressBookFilter(propertyFilters: [PropertyFilter(name: "item1.EMAIL", textMatches: [schmidt])]),
            AddressBookFilter(propertyFilters: [PropertyFilter(name: "PHOTO", textMatches: [schmidt])]),
            AddressBookFilter(propertyFilters: [PropertyFilter(name: "EMAIL", isNotDefined: true)]),
            AddressBookFilter(propertyFilters: [
                PropertyFilter(name: "EMAIL", test: .allOf, textMatches: [schmidt, TextMatch("example")])
            ]),
            AddressBookFilter(propertyFilters: [
                PropertyFilter(name: "EMAIL", parameterFilters: [AddressBookFilter.ParameterFilter(name: "TYPE")])
            ]),
            AddressBookFilter(),
        ]
        for filter in undecided { #expect(!ContactSearchCondition.decides(filter), "\(filter)") }
        #expect(
            ContactSearchCondition.decides(
                AddressBookFilter(propertyFilters: [
                    PropertyFilter(name: "email", textMatches: [schmidt, TextMatch("x", matchType: .equals)]),
                    PropertyFilter(name: "TEL"),
                ])
            )
        )
    }

    @Test("The card reduced to the tested properties matches exactly when the whole card does")
    func testedCardMatchesLikeTheWholeCard() {
        for card in Self.cards {
            let bytes = card.serialized()
            for pattern in Self.patterns {
                for name in ["EMAIL", "FN", "NOTE", "x.EMAIL", "item1.EMAIL", "TEL"] {
                    let filter = AddressBookFilter(propertyFilters: [
                        PropertyFilter(name: name, textMatches: [TextMatch(pattern)]),
                        PropertyFilter(name: "TEL", isNotDefined: true),
                    ])
                    let reduced = filter.testedCard(of: bytes)
                    #expect(reduced.map(filter.matches) == filter.matches(card), "\(name) \(pattern)")
                }
            }
        }
    }

    @Test("Lines of a nested component and folded lines are read as the parser reads them")
    func nestedAndFoldedLines() throws {
        let stored = Array(
            ("BEGIN:VCARD\r\nVERSION:3.0\r\nBEGIN:X-INNER\r\nEMAIL:schmidt@inner\r\nEND:X-INNER\r\n"
                + "EMAIL:meyer@ex\r\n ample.org\r\nEND:VCARD\r\n").utf8
        )
        let schmidt = AddressBookFilter(propertyFilters: [
            PropertyFilter(name: "EMAIL", textMatches: [TextMatch("schmidt")])
        ])
        let meyer = AddressBookFilter(propertyFilters: [
            PropertyFilter(name: "EMAIL", textMatches: [TextMatch("meyer@example.org", matchType: .equals)])
        ])
        #expect(schmidt.testedCard(of: stored).map(schmidt.matches) == false)
        #expect(meyer.testedCard(of: stored).map(meyer.matches) == true)
        #expect(schmidt.matches(try VCard.parse(stored)) == false)
    }
}
