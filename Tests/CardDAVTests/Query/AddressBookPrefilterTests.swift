import CardDAV
import DAVCore
import Testing
import VCardFormat

@Suite("addressbook-query prefilter on stored bytes (RFC 6352 §10.5)")
struct AddressBookPrefilterTests {
    typealias PropertyFilter = AddressBookFilter.PropertyFilter
    typealias TextMatch = AddressBookFilter.TextMatch

    static let schmidt =
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Marie Schmidt\r\nEMAIL:marie.schmidt@example.org\r\nEND:VCARD\r\n"
    static let meyer = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jürgen Meyer\r\nEMAIL:j.meyer@example.org\r\nEND:VCARD\r\n"

    private func admits(_ filter: AddressBookFilter, _ stored: String) -> Bool {
        Array(stored.utf8).withUnsafeBytes { AddressBookPrefilter(filter).admits($0) }
    }

    private func email(_ text: String, negate: Bool = false) -> PropertyFilter {
        PropertyFilter(name: "EMAIL", textMatches: [TextMatch(text, negate: negate)])
    }

    @Test("A card without the text of a text-match is rejected; one with it is admitted")
    func rejectsCardsWithoutTheText() {
        let filter = AddressBookFilter(propertyFilters: [email("SCHMIDT")])
        #expect(admits(filter, Self.schmidt))
        #expect(!admits(filter, Self.meyer))
    }

    @Test("Negation, is-not-defined, parameter filters under anyof and empty filters admit every card")
    func conditionsWithoutTextAdmitEverything() {
        let filters = [
            AddressBookFilter(),
            AddressBookFilter(propertyFilters: [email("schmidt", negate: true)]),
            AddressBookFilter(propertyFilters: [PropertyFilter(name: "EMAIL", isNotDefined: true)]),
            AddressBookFilter(propertyFilters: [PropertyFilter(name: "EMAIL")]),
            AddressBookFilter(propertyFilters: [
                PropertyFilter(
                    name: "EMAIL",
                    textMatches: [TextMatch("schmidt")],
                    parameterFilters: [.init(name: "TYPE")]
                )
            ]),
            AddressBookFilter(propertyFilters: [email("schmidt"), PropertyFilter(name: "TEL")]),
        ]
        for filter in filters {
            #expect(admits(filter, Self.meyer))
        }
    }

    @Test("anyof needs one text, allof every text")
    func combinesTextsByTheTest() {
        let either = AddressBookFilter(test: .anyOf, propertyFilters: [email("schmidt"), email("meyer")])
        let both = AddressBookFilter(test: .allOf, propertyFilters: [email("schmidt"), email("marie")])
        #expect(admits(either, Self.schmidt) && admits(either, Self.meyer))
        #expect(admits(both, Self.schmidt))
        #expect(!admits(both, Self.meyer))
    }

    @Test("Every card the filter matches is admitted")
    func admitsEveryMatch() throws {
        let cards = [
            Self.schmidt, Self.meyer, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:X\r\nEMAIL:ＳＣＨＭＩＤＴ@x\r\nEND:VCARD\r\n",
        ]
        let filters = [
            AddressBookFilter(propertyFilters: [email("schmidt")]),
            AddressBookFilter(propertyFilters: [email("MEYER")]),
            AddressBookFilter(propertyFilters: [email("ürgen")]),
        ]
        for filter in filters {
            for stored in cards where filter.matches(try VCard.parse(Array(stored.utf8))) {
                #expect(admits(filter, stored), "\(stored)")
            }
        }
    }
}
