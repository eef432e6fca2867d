import CardDAV
import DAVCore
import Testing
import VCardFormat

@Suite("Contact search condition: what the index must hold for a filter (RFC 6352 §10.5)")
struct ContactSearchConditionTests {
    typealias PropertyFilter = AddressBookFilter.PropertyFilter
    typealias ParameterFilter = AddressBookFilter.ParameterFilter
    typealias TextMatch = AddressBookFilter.TextMatch

    private func condition(_ filters: [PropertyFilter], test: AddressBookFilter.Test = .anyOf)
        -> ContactSearchCondition
    {
        ContactSearchCondition(AddressBookFilter(test: test, propertyFilters: filters))
    }

    @Test("A text-match becomes a lookup of its folded pattern among the values of its property, group dropped")
    func textMatchLooksUpTheFoldedPattern() {
        let match = TextMatch("SCHMIDT", collation: .unicodeCasemap, matchType: .startsWith)
        #expect(
            condition([PropertyFilter(name: "x-abc.email", textMatches: [match])])
                == .value(name: "EMAIL", key: "schmidt", match: .startsWith)
        )
        let umlaut = TextMatch("MÜLLER", collation: .unicodeCasemap)
        #expect(
            condition([PropertyFilter(name: "FN", textMatches: [umlaut])])
                == .value(name: "FN", key: "mu\u{308}ller", match: .contains)
        )
    }

    @Test("Negation, parameter filters under anyof, and patterns without a key only require the property")
    func weakConditionsRequireTheProperty() {
        let negated = TextMatch("schmidt", negate: true)
        let asciiUmlaut = TextMatch("Müller", collation: .asciiCasemap)
        let empty = TextMatch("", matchType: .contains)
        for filter in [
            PropertyFilter(name: "EMAIL"),
            PropertyFilter(name: "EMAIL", textMatches: [negated]),
            PropertyFilter(name: "EMAIL", textMatches: [asciiUmlaut]),
            PropertyFilter(name: "EMAIL", textMatches: [empty]),
            PropertyFilter(
                name: "EMAIL",
                textMatches: [TextMatch("a")],
                parameterFilters: [ParameterFilter(name: "TYPE")]
            ),
        ] {
            #expect(condition([filter]) == .exists(name: "EMAIL"))
        }
        #expect(
            condition([PropertyFilter(name: "EMAIL", textMatches: [TextMatch("")], parameterFilters: [])])
                == .exists(name: "EMAIL")
        )
        #expect(
            condition([PropertyFilter(name: "EMAIL", textMatches: [TextMatch("", matchType: .equals)])])
                == .value(name: "EMAIL", key: "", match: .equals)
        )
    }

    @Test("allof keeps the text-matches that narrow; is-not-defined narrows nothing")
    func allOfAndIsNotDefined() {
        let filter = PropertyFilter(
            name: "TEL",
            test: .allOf,
            textMatches: [TextMatch("+49"), TextMatch("x", negate: true)],
            parameterFilters: [ParameterFilter(name: "TYPE")]
        )
        #expect(condition([filter]) == .value(name: "TEL", key: "+49", match: .contains))
        let missing = PropertyFilter(name: "EMAIL", isNotDefined: true)
        #expect(!condition([missing, filter]).narrows)
        #expect(condition([missing, filter], test: .allOf) == .value(name: "TEL", key: "+49", match: .contains))
        #expect(!ContactSearchCondition(AddressBookFilter()).narrows)
        #expect(!condition([PropertyFilter(name: "REV", textMatches: [TextMatch("2025")])]).narrows)
    }
}
