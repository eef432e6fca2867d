import Foundation
import TestSupport
import Testing

/// CardDAV address books against the real binary: vCard preconditions, UID uniqueness, query and multiget.
@Suite("CardDAV end to end", .serialized)
struct CardDAVEndToEndTests {
    let alice = LiveServer.basic("alice", "alice-password")

    static func card(uid: String, name: String, email: String, version: String = "4.0") -> String {
        "BEGIN:VCARD\r\nVERSION:\(version)\r\nUID:\(uid)\r\nFN:\(name)\r\nEMAIL;TYPE=work:\(email)\r\nEND:VCARD\r\n"
    }

    private func put(_ server: LiveServer, _ name: String, _ body: String) throws -> RawResponse {
        try server.request(
            "PUT",
            "/dav/home/alice/contacts/\(name)",
            auth: alice,
            headers: ["Content-Type: text/vcard"],
            body: body
        )
    }

    @Test("a vCard PUT is validated, and a second card with the same UID is refused with its href")
    func putValidatesAndKeepsUIDsUnique() throws {
        let server = try LiveServer()
        #expect(try put(server, "a.vcf", Self.card(uid: "u1", name: "Ann", email: "ann@example.com")).status == 201)
        let duplicate = try put(server, "b.vcf", Self.card(uid: "u1", name: "Bob", email: "bob@example.com"))
        #expect(duplicate.status == 403)
        #expect(duplicate.text.contains("<CR:no-uid-conflict><D:href>/dav/home/alice/contacts/a.vcf</D:href>"))
        let invalid = try put(server, "c.vcf", "BEGIN:VCARD\r\nFN:No version\r\nEND:VCARD\r\n")
        #expect(invalid.status == 403)
        #expect(invalid.text.contains("valid-address-data"))
        #expect(try server.request("GET", "/dav/home/alice/contacts/c.vcf", auth: alice).status == 404)
    }

    @Test("GET with Accept converts a stored vCard 4.0 to 3.0 or jCard; the stored version comes as stored")
    func getNegotiatesVCardVersions() throws {
        let server = try LiveServer()
        _ = try put(server, "a.vcf", Self.card(uid: "u1", name: "Ann", email: "ann@example.com"))
        let three = try server.request(
            "GET",
            "/dav/home/alice/contacts/a.vcf",
            auth: alice,
            headers: ["Accept: text/vcard; version=3.0"]
        )
        #expect(three.text.contains("VERSION:3.0"))
        #expect(three.text.contains("ann@example.com"))
        let json = try server.request(
            "GET",
            "/dav/home/alice/contacts/a.vcf",
            auth: alice,
            headers: ["Accept: application/vcard+json"]
        )
        #expect(json.text.hasPrefix("[\"vcard\""))
        let four = try server.request(
            "GET",
            "/dav/home/alice/contacts/a.vcf",
            auth: alice,
            headers: ["Accept: text/vcard; version=4.0"]
        )
        #expect(four.text == Self.card(uid: "u1", name: "Ann", email: "ann@example.com"))
    }

    @Test("addressbook-query filters by text-match and converts address-data to vCard 3.0 on request")
    func queryFiltersAndConverts() throws {
        let server = try LiveServer()
        _ = try put(server, "a.vcf", Self.card(uid: "u1", name: "Ann Smith", email: "ann@example.com"))
        _ = try put(server, "b.vcf", Self.card(uid: "u2", name: "Bob Jones", email: "bob@example.org"))
        let response = try server.request(
            "REPORT",
            "/dav/home/alice/contacts/",
            auth: alice,
            headers: ["Depth: 1"],
            body: """
                <CR:addressbook-query xmlns:D="DAV:" xmlns:CR="urn:ietf:params:xml:ns:carddav"><D:prop><D:getetag/>\
                <CR:address-data content-type="text/vcard" version="3.0"/></D:prop><CR:filter>\
                <CR:prop-filter name="EMAIL"><CR:text-match match-type="ends-with">example.com</CR:text-match>\
                </CR:prop-filter></CR:filter></CR:addressbook-query>
                """
        )
        #expect(response.status == 207)
        #expect(response.text.contains("contacts/a.vcf"))
        #expect(!response.text.contains("contacts/b.vcf"))
        #expect(response.text.contains("VERSION:3.0"))
    }

    @Test("addressbook-query takes the index's proven matches and tests the others: a value too long to index")
    func queryTestsCardsTheIndexCannotProve() throws {
        let server = try LiveServer()
        let long = String(repeating: "x", count: 600) + "schmidt@example.org"
        _ = try put(server, "a.vcf", Self.card(uid: "u1", name: "Anna", email: "anna.schmidt@example.org"))
        _ = try put(server, "b.vcf", Self.card(uid: "u2", name: "Bea", email: long))
        _ = try put(server, "c.vcf", Self.card(uid: "u3", name: "Carl", email: ""))
        _ = try put(server, "d.vcf", Self.card(uid: "u4", name: "Dora", email: "dora@example.org"))
        func query(limit: String = "") throws -> String {
            try server.request(
                "REPORT",
                "/dav/home/alice/contacts/",
                auth: alice,
                headers: ["Depth: 1"],
                body: """
                    <CR:addressbook-query xmlns:D="DAV:" xmlns:CR="urn:ietf:params:xml:ns:carddav"><D:prop>\
                    <D:getetag/></D:prop><CR:filter><CR:prop-filter name="EMAIL"><CR:text-match>SCHMIDT\
                    </CR:text-match></CR:prop-filter></CR:filter>\(limit)</CR:addressbook-query>
                    """
            ).text
        }
        let all = try query()
        #expect(all.contains("contacts/a.vcf") && all.contains("contacts/b.vcf"))
        #expect(!all.contains("contacts/c.vcf") && !all.contains("contacts/d.vcf"))
        let limited = try query(limit: "<CR:limit><CR:nresults>1</CR:nresults></CR:limit>")
        #expect(limited.contains("contacts/a.vcf") && !limited.contains("contacts/b.vcf"))
        #expect(limited.contains("<D:number-of-matches-within-limits/>"))
    }

    @Test("addressbook-query with nresults answers 507 for the collection when more matched")
    func queryLimitTruncates() throws {
        let server = try LiveServer()
        for index in 0..<3 {
            _ = try put(server, "\(index).vcf", Self.card(uid: "u\(index)", name: "P\(index)", email: "p@x.org"))
        }
        let response = try server.request(
            "REPORT",
            "/dav/home/alice/contacts/",
            auth: alice,
            body: """
                <CR:addressbook-query xmlns:D="DAV:" xmlns:CR="urn:ietf:params:xml:ns:carddav"><D:prop><D:getetag/>\
                </D:prop><CR:filter/><CR:limit><CR:nresults>2</CR:nresults></CR:limit></CR:addressbook-query>
                """
        )
        #expect(response.text.components(separatedBy: "<D:getetag>").count == 3)
        #expect(response.text.contains("HTTP/1.1 507"))
        #expect(response.text.contains("<D:number-of-matches-within-limits/>"))
    }

    @Test("addressbook-multiget returns each card and 404 for a missing href")
    func multigetReturnsCards() throws {
        let server = try LiveServer()
        _ = try put(server, "a.vcf", Self.card(uid: "u1", name: "Ann", email: "ann@example.com"))
        let response = try server.request(
            "REPORT",
            "/dav/home/alice/contacts/",
            auth: alice,
            body: """
                <CR:addressbook-multiget xmlns:D="DAV:" xmlns:CR="urn:ietf:params:xml:ns:carddav"><D:prop><D:getetag/>\
                <CR:address-data/></D:prop><D:href>/dav/home/alice/contacts/a.vcf</D:href>\
                <D:href>/dav/home/alice/contacts/gone.vcf</D:href></CR:addressbook-multiget>
                """
        )
        #expect(response.status == 207)
        #expect(response.text.contains("FN:Ann"))
        #expect(response.text.contains("<D:href>/dav/home/alice/contacts/gone.vcf</D:href><D:status>HTTP/1.1 404"))
    }

    @Test("principal-address names a read-only vCard of the principal that every user can read")
    func principalAddressIsAReadableCard() throws {
        let server = try LiveServer(users: [("alice", "alice-password"), ("bob", "bob-password")])
        let principal = try server.request(
            "PROPFIND",
            "/dav/principals/users/alice/",
            auth: alice,
            headers: ["Depth: 0"],
            body:
                #"<propfind xmlns="DAV:" xmlns:A="urn:ietf:params:xml:ns:carddav"><prop><A:principal-address/></prop></propfind>"#
        )
        #expect(principal.text.contains("<D:href>/dav/principals/users/alice/card.vcf</D:href>"))
        let bob = LiveServer.basic("bob", "bob-password")
        let card = try server.request("GET", "/dav/principals/users/alice/card.vcf", auth: bob)
        #expect(card.status == 200)
        #expect(card.header("content-type")?.hasPrefix("text/vcard") == true)
        #expect(card.text.contains("FN:alice\r\n"))
        #expect(card.header("etag") != nil)
        let put = try server.request(
            "PUT",
            "/dav/principals/users/alice/card.vcf",
            auth: alice,
            headers: ["Content-Type: text/vcard"],
            body: "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:x\r\nFN:x\r\nEND:VCARD\r\n"
        )
        #expect((400..<500).contains(put.status))
        #expect(try server.request("GET", "/dav/principals/users/nobody/card.vcf", auth: alice).status == 404)
    }
}
