import CardDAV
import DAVCore
import MIMEDir
import Testing
import VCardFormat

@Suite("addressbook filter matching (RFC 6352 §10.5)")
struct AddressBookFilterTests {
    typealias PropertyFilter = AddressBookFilter.PropertyFilter
    typealias ParameterFilter = AddressBookFilter.ParameterFilter
    typealias TextMatch = AddressBookFilter.TextMatch

    static let card = try! VCard.parse(
        """
        BEGIN:VCARD\r
        VERSION:3.0\r
        N:Doe;Jane;Q.;Dr.;\r
        FN:Jane Doe\r
        UID:urn:uuid:1\r
        NICKNAME:JD\r
        item1.EMAIL;TYPE=INTERNET,WORK:jane@corp.example\r
        item1.X-ABLabel:Office\r
        email;type=home:jane@home.example\r
        TEL;TYPE=work;TYPE=voice:+1 555 0100\r
        TEL;CELL:+1 555 0199\r
        ADR;TYPE=home:;;1 Main St;Springfield;IL;62701;USA\r
        NOTE:Met at Acme\\, Inc.\r
        END:VCARD\r

        """
    )

    func matches(_ filters: [PropertyFilter], test: AddressBookFilter.Test = .anyOf) -> Bool {
        AddressBookFilter(test: test, propertyFilters: filters).matches(Self.card)
    }

    @Test("An empty filter matches every card")
    func emptyFilter() {
        #expect(matches([]))
        #expect(matches([], test: .allOf))
    }

    @Test("An empty prop-filter asks only that the property exists")
    func existence() {
        #expect(matches([.init(name: "NICKNAME")]))
        #expect(!matches([.init(name: "BDAY")]))
    }

    @Test("is-not-defined matches when the property is absent")
    func isNotDefined() {
        #expect(matches([.init(name: "BDAY", isNotDefined: true)]))
        #expect(!matches([.init(name: "FN", isNotDefined: true)]))
    }

    @Test("filter anyof is OR, allof is AND")
    func filterTest() {
        let present = PropertyFilter(name: "FN")
        let absent = PropertyFilter(name: "BDAY")
        #expect(matches([absent, present], test: .anyOf))
        #expect(!matches([absent, present], test: .allOf))
        #expect(matches([present, present], test: .allOf))
        #expect(!matches([absent, absent], test: .anyOf))
    }

    @Test("prop-filter anyof/allof combines its text matches and parameter filters")
    func propertyFilterTest() {
        let hit = TextMatch("jane")
        let miss = TextMatch("john")
        #expect(matches([.init(name: "FN", test: .anyOf, textMatches: [miss, hit])]))
        #expect(!matches([.init(name: "FN", test: .allOf, textMatches: [miss, hit])]))
        #expect(matches([.init(name: "FN", test: .allOf, textMatches: [hit, TextMatch("doe")])]))
    }

    @Test("Property names compare without case and match any group")
    func namesAndGroups() {
        #expect(matches([.init(name: "email", textMatches: [TextMatch("corp")])]))
        #expect(matches([.init(name: "EMAIL", textMatches: [TextMatch("home.example")])]))
        #expect(matches([.init(name: "x-ablabel", textMatches: [TextMatch("office", matchType: .equals)])]))
    }

    @Test("A group-qualified name matches that group only")
    func groupQualifiedName() {
        #expect(matches([.init(name: "ITEM1.EMAIL", textMatches: [TextMatch("corp")])]))
        #expect(!matches([.init(name: "item1.EMAIL", textMatches: [TextMatch("home.example")])]))
        #expect(!matches([.init(name: "item2.EMAIL")]))
        #expect(!matches([.init(name: "item1.FN")]))
    }

    @Test("Text matches see unescaped values; structured N and ADR keep their separators")
    func valuesAsMatched() {
        #expect(matches([.init(name: "NOTE", textMatches: [TextMatch("Acme, Inc.", matchType: .endsWith)])]))
        #expect(matches([.init(name: "N", textMatches: [TextMatch("Doe;Jane", matchType: .startsWith)])]))
        #expect(matches([.init(name: "N", textMatches: [TextMatch("jane")])]))
        #expect(matches([.init(name: "ADR", textMatches: [TextMatch("springfield")])]))
    }

    @Test("negate-condition on a property: some instance must not match")
    func negatedProperty() {
        #expect(!matches([.init(name: "FN", textMatches: [TextMatch("jane", negate: true)])]))
        #expect(matches([.init(name: "FN", textMatches: [TextMatch("john", negate: true)])]))
        #expect(matches([.init(name: "EMAIL", textMatches: [TextMatch("corp", negate: true)])]))
        #expect(!matches([.init(name: "EMAIL", textMatches: [TextMatch("example", negate: true)])]))
        #expect(!matches([.init(name: "BDAY", textMatches: [TextMatch("1970", negate: true)])]))
    }

    @Test(
        "TYPE param-filter sees comma lists, repeated TYPE and vCard 3 bare types",
        arguments: [
            ("EMAIL", "work", true), ("EMAIL", "internet", true), ("EMAIL", "home", true),
            ("TEL", "work", true), ("TEL", "voice", true), ("TEL", "cell", true), ("TEL", "fax", false),
        ]
    )
    func multiValuedType(property: String, type: String, expected: Bool) {
        let filter = PropertyFilter(
            name: property,
            parameterFilters: [.init(name: "type", condition: .textMatch(TextMatch(type, matchType: .equals)))]
        )
        #expect(matches([filter]) == expected)
    }

    @Test("Repeated TYPE parameters and comma lists are the same values")
    func repeatedTypeEqualsList() throws {
        let repeated = try #require(Self.card.component.properties("TEL").first)
        var listed = repeated
        listed.parameters = [Parameter(name: "TYPE", values: ["work,voice"])]
        let filter = ParameterFilter(name: "TYPE", condition: .textMatch(TextMatch("voice", matchType: .equals)))
        #expect(filter.matches(repeated))
        #expect(filter.matches(listed))
    }

    @Test("A negated TYPE match means no TYPE value matches")
    func negatedType() {
        let notWork = ParameterFilter(name: "TYPE", condition: .textMatch(TextMatch("work", negate: true)))
        let tel = PropertyFilter(name: "TEL", test: .allOf, parameterFilters: [notWork])
        #expect(matches([tel]))
        let telWork = PropertyFilter(
            name: "TEL",
            textMatches: [TextMatch("0100")],
            parameterFilters: [notWork]
        )
        #expect(matches([telWork]))
        var allOf = telWork
        allOf.test = .allOf
        #expect(!matches([allOf]))
    }

    @Test("param-filter existence and is-not-defined")
    func parameterExistence() {
        #expect(matches([.init(name: "ADR", parameterFilters: [.init(name: "TYPE")])]))
        #expect(!matches([.init(name: "NICKNAME", parameterFilters: [.init(name: "TYPE")])]))
        #expect(matches([.init(name: "NICKNAME", parameterFilters: [.init(name: "TYPE", condition: .isNotDefined)])]))
        #expect(!matches([.init(name: "ADR", parameterFilters: [.init(name: "TYPE", condition: .isNotDefined)])]))
    }

    @Test("allof tests apply to one property instance at a time")
    func perInstance() {
        let workAtHome = PropertyFilter(
            name: "EMAIL",
            test: .allOf,
            textMatches: [TextMatch("home.example")],
            parameterFilters: [.init(name: "TYPE", condition: .textMatch(TextMatch("work", matchType: .equals)))]
        )
        #expect(!matches([workAtHome]))
        var homeAtHome = workAtHome
        homeAtHome.parameterFilters = [
            .init(name: "TYPE", condition: .textMatch(TextMatch("home", matchType: .equals)))
        ]
        #expect(matches([homeAtHome]))
    }
}
