import CardDAV
import DAVCore
import DAVXML
import MIMEDir
import Testing
import VCardFormat

@Suite("RFC 6352 §8.6 and §8.7 examples")
struct RFC6352ExampleTests {
    /// Runs a query over the example address book and renders each match's address-data.
    func run(_ query: AddressBookQuery, extra: [(name: String, bytes: [UInt8])] = []) throws
        -> (matches: [String: VCard?], order: [String], truncated: Bool)
    {
        let book = try RFC6352Fixtures.addressBook() + extra
        let results = try query.results(from: book) { try VCard.parse($0.bytes) }
        var matches: [String: VCard?] = [:]
        for match in results.matches {
            matches[match.name] = try query.properties.addressData.map {
                try VCard.parse(AddressDataRenderer().render(match.bytes, for: $0))
            }
        }
        return (matches, results.matches.map(\.name), results.truncated)
    }

    @Test("§8.6.3: NICKNAME equals \"me\" returns v102 with only VERSION, NICKNAME, UID, FN, EMAIL")
    func partialRetrievalMatchingNickname() throws {
        let query = try AddressBookQuery(xml: RFC6352Fixtures.xml("s8.6.3-query-nickname.xml"))
        #expect(query.properties.selection == .properties([.dav("getetag"), CardDAVElements.addressData]))
        #expect(
            query.filter
                == AddressBookFilter(propertyFilters: [
                    .init(name: "NICKNAME", textMatches: [.init("me", collation: .unicodeCasemap, matchType: .equals)])
                ])
        )
        let outcome = try run(query)
        #expect(outcome.order == ["v102.vcf"])
        #expect(outcome.matches["v102.vcf"] == (try RFC6352Fixtures.card("s8.6.3-response-v102.vcf")))
        #expect(!outcome.truncated)
    }

    @Test("§8.6.4: FN or EMAIL contains \"daboo\" (anyof) returns v102 and v104, partially")
    func partialRetrievalMatchingNameOrEmail() throws {
        let query = try AddressBookQuery(xml: RFC6352Fixtures.xml("s8.6.4-query-fn-or-email.xml"))
        #expect(query.filter.test == .anyOf)
        #expect(query.filter.propertyFilters.map(\.name) == ["FN", "EMAIL"])
        let outcome = try run(query)
        #expect(outcome.order == ["v102.vcf", "v104.vcf"])
        #expect(outcome.matches["v102.vcf"] == (try RFC6352Fixtures.card("s8.6.3-response-v102.vcf")))
        #expect(outcome.matches["v104.vcf"] == (try RFC6352Fixtures.card("s8.6.4-response-v104.vcf")))
    }

    @Test("§8.6.4: anyof matches on EMAIL alone, as the RFC's \"David Boo\" response shows")
    func anyOfMatchesOnEmailAlone() throws {
        let query = try AddressBookQuery(xml: RFC6352Fixtures.xml("s8.6.4-query-fn-or-email.xml"))
        let card = try VCard.parse(
            "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:x\r\nFN:David Boo\r\nEMAIL:daboo@example.com\r\nEND:VCARD\r\n"
        )
        #expect(query.filter.matches(card))
    }

    @Test("§8.6.5: nresults 2 returns two matches and reports truncation")
    func truncatedResults() throws {
        let query = try AddressBookQuery(xml: RFC6352Fixtures.xml("s8.6.5-query-limit.xml"))
        #expect(query.limit == 2)
        #expect(query.properties == ReportProperties(selection: .properties([.dav("getetag")])))
        let third = try RFC6352Fixtures.bytes("s8.6.5-third-match.vcf")
        let outcome = try run(query, extra: [("v105.vcf", third)])
        #expect(outcome.order == ["v102.vcf", "v104.vcf"])
        #expect(outcome.truncated)
        #expect(query.properties.addressData == nil)
    }

    @Test("§8.7.1: multiget decodes both hrefs and renders vcf102 as the RFC prints it")
    func multiget() throws {
        let multiget = try AddressBookMultiget(xml: RFC6352Fixtures.xml("s8.7.1-multiget.xml"))
        #expect(multiget.hrefs == ["/home/bernard/addressbook/vcf102.vcf", "/home/bernard/addressbook/vcf1.vcf"])
        let request = try #require(multiget.properties.addressData)
        #expect(
            request.properties
                == .named(["VERSION", "UID", "NICKNAME", "EMAIL", "FN"].map { MIMEDir.PropertySelection(name: $0) })
        )
        #expect(request.format == .vCard(nil))
        let stored = try RFC6352Fixtures.bytes("addressbook/v102.vcf")
        let rendered = try AddressDataRenderer().render(stored, for: request)
        #expect(try VCard.parse(rendered) == RFC6352Fixtures.card("s8.6.3-response-v102.vcf"))
    }
}
