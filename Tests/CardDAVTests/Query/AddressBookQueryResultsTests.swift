import CardDAV
import DAVCore
import HTTPWire
import Testing
import VCardFormat

@Suite("addressbook-query results and limits (RFC 6352 §8.6.1, §8.6.2)")
struct AddressBookQueryResultsTests {
    static let cards = (1...5).map { index in
        try! VCard.parse("BEGIN:VCARD\r\nVERSION:4.0\r\nUID:\(index)\r\nFN:Person \(index)\r\nEND:VCARD\r\n")
    }

    func query(limit: Int?, filter: AddressBookFilter = AddressBookFilter()) -> AddressBookQuery {
        AddressBookQuery(properties: ReportProperties(selection: .propertyNames), filter: filter, limit: limit)
    }

    @Test("Without a limit every match is returned")
    func noLimit() {
        let results = query(limit: nil).results(from: Self.cards) { $0 }
        #expect(results.matches.count == 5)
        #expect(!results.truncated)
    }

    @Test("nresults caps the matches and marks the result truncated")
    func nresults() {
        let results = query(limit: 2).results(from: Self.cards) { $0 }
        #expect(results.matches.map(\.uid) == ["1", "2"])
        #expect(results.truncated)
    }

    @Test("A limit equal to the number of matches is not a truncation")
    func exactLimit() {
        let filter = AddressBookFilter(propertyFilters: [.init(name: "UID", textMatches: [.init("3", negate: true)])])
        let results = query(limit: 4, filter: filter).results(from: Self.cards) { $0 }
        #expect(results.matches.map(\.uid) == ["1", "2", "4", "5"])
        #expect(!results.truncated)
    }

    @Test("The smaller of nresults and the server maximum applies")
    func serverMaximum() {
        #expect(query(limit: 4).results(from: Self.cards, maximum: 3) { $0 }.matches.count == 3)
        #expect(query(limit: 1).results(from: Self.cards, maximum: 3) { $0 }.matches.count == 1)
        #expect(query(limit: nil).results(from: Self.cards, maximum: 3) { $0 }.truncated)
    }

    @Test("nresults 0 returns nothing and reports truncation when something matched")
    func zero() {
        let results = query(limit: 0).results(from: Self.cards) { $0 }
        #expect(results.matches.isEmpty)
        #expect(results.truncated)
    }

    @Test("Candidates without a card are skipped; the card closure's error propagates")
    func skipAndThrow() throws {
        let rows: [[UInt8]] = [Array("garbage".utf8), Self.cards[0].serialized()]
        let results = query(limit: nil).results(from: rows) { try? VCard.parse($0) }
        #expect(results.matches == [rows[1]])
        #expect(throws: DAVError.self) {
            _ = try query(limit: nil).results(from: rows) { (_) throws(DAVError) -> VCard? in
                throw DAVError(.internalServerError)
            }
        }
    }
}
