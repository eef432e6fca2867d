import Foundation
import TestSupport
import Testing

/// The contact search index through the real binary: an addressbook-query (RFC 6352 §8.6) answered from the index
/// follows cards through overwrite, MOVE, COPY and DELETE, and keeps `nresults` with its 507.
@Suite("Contact search end to end", .serialized)
struct ContactSearchEndToEndTests {
    let alice = LiveServer.basic("alice", "alice-password")

    private func card(_ uid: String, _ email: String) -> String {
        "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:\(uid)\r\nFN:\(uid)\r\nEMAIL:\(email)\r\nEND:VCARD\r\n"
    }

    private func put(_ server: LiveServer, _ path: String, _ body: String) throws -> Int {
        try server.request("PUT", path, auth: alice, headers: ["Content-Type: text/vcard"], body: body).status
    }

    /// The hrefs an EMAIL `contains` query on `book` answers with (and whether it answered 507 for the book).
    private func query(_ server: LiveServer, _ book: String, _ text: String, limit: Int? = nil) throws -> (
        hrefs: [String], truncated: Bool
    ) {
        let response = try server.request(
            "REPORT",
            book,
            auth: alice,
            headers: ["Depth: 1"],
            body: """
                <CR:addressbook-query xmlns:D="DAV:" xmlns:CR="urn:ietf:params:xml:ns:carddav"><D:prop><D:getetag/>\
                </D:prop><CR:filter><CR:prop-filter name="EMAIL"><CR:text-match collation="i;unicode-casemap" \
                match-type="contains">\(text)</CR:text-match></CR:prop-filter></CR:filter>\
                \(limit.map { "<CR:limit><CR:nresults>\($0)</CR:nresults></CR:limit>" } ?? "")</CR:addressbook-query>
                """
        )
        let hrefs = response.text.components(separatedBy: "<D:href>").dropFirst().compactMap {
            $0.components(separatedBy: "</D:href>").first
        }.filter { $0.hasSuffix(".vcf") }
        return (hrefs.sorted(), response.text.contains("HTTP/1.1 507"))
    }

    @Test("a query follows cards through overwrite, MOVE and COPY between address books, and DELETE")
    func queryFollowsTheCards() throws {
        let server = try LiveServer()
        let book = "/dav/home/alice/contacts/"
        let other = "/dav/home/alice/other/"
        let created = try server.request(
            "MKCOL",
            other,
            auth: alice,
            headers: ["Content-Type: application/xml"],
            body: """
                <D:mkcol xmlns:D="DAV:" xmlns:CR="urn:ietf:params:xml:ns:carddav"><D:set><D:prop><D:resourcetype>\
                <D:collection/><CR:addressbook/></D:resourcetype></D:prop></D:set></D:mkcol>
                """
        )
        #expect(created.status == 201)
        #expect(try put(server, book + "a.vcf", card("a", "anna.SCHMIDT@example.org")) == 201)
        #expect(try put(server, book + "b.vcf", card("b", "bob@example.org")) == 201)
        #expect(try query(server, book, "schmidt").hrefs == [book + "a.vcf"])
        #expect(try put(server, book + "b.vcf", card("b", "bob.schmidt@example.org")) == 204)
        #expect(try query(server, book, "schmidt").hrefs == [book + "a.vcf", book + "b.vcf"])
        let move = try server.request("MOVE", book + "a.vcf", auth: alice, headers: ["Destination: \(other)a.vcf"])
        #expect(move.status == 201)
        #expect(try query(server, book, "schmidt").hrefs == [book + "b.vcf"])
        #expect(try query(server, other, "schmidt").hrefs == [other + "a.vcf"])
        let copy = try server.request("COPY", book + "b.vcf", auth: alice, headers: ["Destination: \(other)b.vcf"])
        #expect(copy.status == 201)
        #expect(try query(server, other, "schmidt").hrefs == [other + "a.vcf", other + "b.vcf"])
        #expect(try server.request("DELETE", book + "b.vcf", auth: alice).status == 204)
        #expect(try query(server, book, "schmidt").hrefs.isEmpty)
        #expect(try query(server, other, "schmidt").hrefs == [other + "a.vcf", other + "b.vcf"])
    }

    @Test("nresults caps a query answered from the index and adds the 507 for the address book")
    func limitTruncatesIndexResults() throws {
        let server = try LiveServer()
        let book = "/dav/home/alice/contacts/"
        for index in 0..<3 {
            #expect(try put(server, book + "\(index).vcf", card("u\(index)", "p\(index).schmidt@x.org")) == 201)
        }
        let limited = try query(server, book, "SCHMIDT", limit: 2)
        #expect(limited.hrefs.count == 2 && limited.truncated)
        let all = try query(server, book, "schmidt")
        #expect(all.hrefs.count == 3 && !all.truncated)
    }
}
