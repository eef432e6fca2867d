import CardDAV
import DAVCore
import DAVXML
import HTTPWire
import Testing

@Suite("addressbook-query decoding (RFC 6352 §8.6, §10.5)")
struct AddressBookQueryDecodingTests {
    static let prefix = #"<C:addressbook-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:carddav">"#

    func query(_ body: String) throws -> AddressBookQuery {
        try AddressBookQuery(xml: .parse(Self.prefix + body + "</C:addressbook-query>"))
    }

    func condition(of body: String) -> String? {
        do {
            _ = try query(body)
            return nil
        } catch let error as DAVError {
            #expect(error.status == .forbidden)
            #expect(error.condition?.namespace == "urn:ietf:params:xml:ns:carddav")
            return error.condition?.name
        } catch {
            Issue.record("unexpected \(error)")
            return nil
        }
    }

    func status(of body: String) -> Int? {
        do {
            _ = try query(body)
            return nil
        } catch let error as DAVError {
            return error.status.code
        } catch {
            return nil
        }
    }

    @Test("Defaults: filter anyof, prop-filter anyof, text-match i;unicode-casemap contains not negated")
    func defaults() throws {
        let decoded = try query(
            #"<C:filter><C:prop-filter name="FN"><C:text-match>x</C:text-match></C:prop-filter></C:filter>"#
        )
        #expect(decoded.filter.test == .anyOf)
        let propertyFilter = try #require(decoded.filter.propertyFilters.first)
        #expect(propertyFilter.test == .anyOf)
        #expect(
            propertyFilter.textMatches == [.init("x", collation: .unicodeCasemap, matchType: .contains, negate: false)]
        )
        #expect(decoded.limit == nil)
        #expect(decoded.properties.selection == .allProperties(include: []))
    }

    @Test("Every attribute and child of §10.5 decodes")
    func fullFilter() throws {
        let decoded = try query(
            #"""
            <C:filter test="allof">
              <C:prop-filter name="item1.EMAIL" test="allof">
                <C:text-match collation="i;octet" match-type="ends-with" negate-condition="yes">.org</C:text-match>
                <C:param-filter name="TYPE"><C:text-match match-type="equals">work</C:text-match></C:param-filter>
                <C:param-filter name="PREF"><C:is-not-defined/></C:param-filter>
                <C:param-filter name="X-SERVICE"/>
              </C:prop-filter>
              <C:prop-filter name="NOTE"><C:is-not-defined/></C:prop-filter>
            </C:filter>
            """#
        )
        #expect(
            decoded.filter
                == AddressBookFilter(
                    test: .allOf,
                    propertyFilters: [
                        .init(
                            name: "item1.EMAIL",
                            test: .allOf,
                            textMatches: [.init(".org", collation: .octet, matchType: .endsWith, negate: true)],
                            parameterFilters: [
                                .init(name: "TYPE", condition: .textMatch(.init("work", matchType: .equals))),
                                .init(name: "PREF", condition: .isNotDefined),
                                .init(name: "X-SERVICE", condition: .isDefined),
                            ]
                        ),
                        .init(name: "NOTE", isNotDefined: true),
                    ]
                )
        )
    }

    @Test("Each collation and match type is accepted", arguments: ["i;octet", "i;ascii-casemap", "i;unicode-casemap"])
    func collations(collation: String) throws {
        for matchType in ["equals", "contains", "starts-with", "ends-with"] {
            let body =
                #"<C:filter><C:prop-filter name="FN"><C:text-match collation=""#
                + collation + #"" match-type=""# + matchType + #"">a</C:text-match></C:prop-filter></C:filter>"#
            let textMatch = try #require(try query(body).filter.propertyFilters.first?.textMatches.first)
            #expect(textMatch.collation.rawValue == collation)
            #expect(textMatch.matchType.rawValue == matchType)
        }
    }

    @Test("An unknown collation is CARDDAV:supported-collation")
    func unknownCollation() {
        let body =
            #"<C:filter><C:prop-filter name="FN"><C:text-match collation="i;basic">a</C:text-match></C:prop-filter></C:filter>"#
        #expect(condition(of: body) == "supported-collation")
    }

    @Test(
        "Unknown elements and attribute values are CARDDAV:supported-filter",
        arguments: [
            #"<C:filter test="xor"/>"#,
            #"<C:filter><C:comp-filter name="VCARD"/></C:filter>"#,
            #"<C:filter><C:prop-filter name="FN" test="some"/></C:filter>"#,
            #"<C:filter><C:prop-filter name="FN"><C:time-range start="x"/></C:prop-filter></C:filter>"#,
            #"<C:filter><C:prop-filter name="FN"><C:text-match match-type="regex">a</C:text-match></C:prop-filter></C:filter>"#,
            #"<C:filter><C:prop-filter name="FN"><C:text-match negate-condition="true">a</C:text-match></C:prop-filter></C:filter>"#,
            #"<C:filter><C:prop-filter name="TEL"><C:param-filter name="TYPE"><C:prop-filter name="X"/></C:param-filter></C:prop-filter></C:filter>"#,
        ]
    )
    func unsupportedFilter(filter: String) {
        #expect(condition(of: filter) == "supported-filter")
    }

    @Test("Unknown vCard property and parameter names are accepted")
    func unknownNamesAreFine() throws {
        let decoded = try query(
            #"<C:filter><C:prop-filter name="X-UNHEARD-OF"><C:param-filter name="X-WHATEVER"/></C:prop-filter></C:filter>"#
        )
        #expect(decoded.filter.propertyFilters.first?.name == "X-UNHEARD-OF")
    }

    @Test(
        "Structural mistakes are CARDDAV:valid-filter",
        arguments: [
            "",
            #"<C:filter><C:prop-filter/></C:filter>"#,
            #"<C:filter><C:prop-filter name=""/></C:filter>"#,
            #"<C:filter><C:prop-filter name="FN"><C:is-not-defined/><C:text-match>a</C:text-match></C:prop-filter></C:filter>"#,
            #"<C:filter><C:prop-filter name="TEL"><C:param-filter/></C:prop-filter></C:filter>"#,
            #"<C:filter><C:prop-filter name="TEL"><C:param-filter name="TYPE"><C:is-not-defined/><C:text-match>a</C:text-match></C:param-filter></C:prop-filter></C:filter>"#,
        ]
    )
    func invalidFilter(body: String) {
        #expect(condition(of: body) == "valid-filter")
    }

    @Test("limit/nresults is read; a bad count is 400", arguments: [("7", 7), (" 0 ", 0)])
    func limit(text: String, count: Int) throws {
        let decoded = try query("<C:filter/><C:limit><C:nresults>\(text)</C:nresults></C:limit>")
        #expect(decoded.limit == count)
    }

    @Test("A limit that is not a non-negative integer is 400", arguments: ["-1", "two", ""])
    func badLimit(text: String) {
        #expect(status(of: "<C:filter/><C:limit><C:nresults>\(text)</C:nresults></C:limit>") == 400)
    }

    @Test("propname, allprop with include, and prop select WebDAV properties")
    func propertySelection() throws {
        #expect(try query("<D:propname/><C:filter/>").properties.selection == .propertyNames)
        #expect(
            try query("<D:allprop/><D:include><D:getetag/></D:include><C:filter/>").properties.selection
                == .allProperties(include: [.dav("getetag")])
        )
        let props = try query("<D:prop><D:getetag/><D:displayname/></D:prop><C:filter/>").properties
        #expect(props == ReportProperties(selection: .properties([.dav("getetag"), .dav("displayname")])))
        #expect(props.addressData == nil)
    }

    @Test("Another root element is 400")
    func wrongRoot() throws {
        let tree = try XMLTree.parse(#"<C:addressbook-multiget xmlns:C="urn:ietf:params:xml:ns:carddav"/>"#)
        #expect(throws: DAVError.self) { try AddressBookQuery(xml: tree) }
    }
}
