import DAVCore
import HTTPWire
import Testing

@Suite("If header: RFC 4918 §10.4 grammar and evaluation")
struct IfHeaderTests {
    private func path(_ text: String) -> DAVPath { DAVPath(encoded: Substring(text))! }

    private func parse(_ value: String, host: String? = "example.com") throws -> IfHeader {
        try IfHeader.parse(value, host: host)
    }

    @Test("RFC 4918 §10.4.6 example: one untagged list with a token and an entity tag")
    func noTagList() throws {
        let header = try parse(#"(<urn:uuid:181d4fae-7d8c-11d0-a765-00a0c91e6bf2> ["I am an ETag"])"#)
        #expect(
            header.lists == [
                IfHeader.List(
                    target: .requestURI,
                    conditions: [
                        .init(.stateToken("urn:uuid:181d4fae-7d8c-11d0-a765-00a0c91e6bf2")),
                        .init(.entityTag(EntityTag("I am an ETag"))),
                    ]
                )
            ]
        )
    }

    @Test("RFC 4918 §10.4.7 example: two lists, Not and a weak entity tag")
    func twoLists() throws {
        let header = try parse(#"(Not <urn:uuid:a> <urn:uuid:b>) (["I am another ETag"]) ([W/"weak"])"#)
        #expect(header.lists.count == 3)
        #expect(
            header.lists[0].conditions == [
                .init(isNegated: true, .stateToken("urn:uuid:a")), .init(.stateToken("urn:uuid:b")),
            ]
        )
        #expect(header.lists[2].conditions == [.init(.entityTag(EntityTag("weak", isWeak: true)))])
    }

    @Test("RFC 4918 §10.4.9 example: tagged lists with absolute URIs and paths, percent-decoded")
    func taggedLists() throws {
        let header = try parse(
            """
            <http://example.com/resource1> (<urn:uuid:a> [W/"A weak ETag"]) (["strong ETag"]) \
            </a%20b/c> (<DAV:no-lock>)  <https://other.example/x> (Not <DAV:no-lock>)
            """
        )
        #expect(
            header.lists.map(\.target) == [
                .path(path("/resource1")), .path(path("/resource1")), .path(path("/a b/c")),
                .foreign("https://other.example/x"),
            ]
        )
    }

    @Test("Not is case-insensitive and whitespace between tokens is optional")
    func lenientSpacing() throws {
        let header = try parse("(nOt<DAV:no-lock>)(<urn:uuid:x>)")
        #expect(header.lists.count == 2)
        #expect(header.lists[0].conditions == [.init(isNegated: true, .stateToken("DAV:no-lock"))])
    }

    @Test(
        "malformed headers are 400 Bad Request",
        arguments: [
            "", "   ", "()", "(<urn:x>", "<urn:x>", "(<urn:x>) </a> (<urn:y>)", "</a> (<urn:y>) (<urn:z>) (x)",
            "(<no-scheme>)", "([unquoted])", "(Nope <urn:x>)", "(<urn:x> junk)", "</a/../b> (<urn:x>)",
            #"(["a" "b"])"#, "(<>)", "(<urn:a b>)",
        ]
    )
    func malformed(value: String) {
        #expect {
            try IfHeader.parse(value, host: nil)
        } throws: { error in
            (error as? DAVError)?.status == .badRequest
        }
    }

    @Test("a missing header parses to nil; several If fields are read as one")
    func fromHeaders() throws {
        #expect(try IfHeader.parse(HTTPHeaders()) == nil)
        var headers = HTTPHeaders()
        headers.add(name: "If", value: "(<urn:a>)")
        headers.add(name: "If", value: "(<urn:b>)")
        #expect(try IfHeader.parse(headers)?.lists.count == 2)
    }

    private let states: [DAVPath: IfHeaderEvaluation.ResourceState] = [
        DAVPath(encoded: "/r")!: .init(etag: EntityTag("e1"), lockTokens: ["urn:uuid:lock"]),
        DAVPath(encoded: "/other")!: .init(etag: EntityTag("e2"), lockTokens: []),
    ]

    private func evaluate(_ value: String) throws -> IfHeaderEvaluation.Outcome {
        try IfHeaderEvaluation.evaluate(parse(value), requestPath: path("/r")) { states[$0] ?? .absent }
    }

    @Test("lists are ORed, conditions ANDed; submitted tokens come from the lists that hold")
    func evaluation() throws {
        #expect(try evaluate(#"(<urn:uuid:lock> ["e1"])"#) == .init(holds: true, submittedTokens: ["urn:uuid:lock"]))
        #expect(try evaluate(#"(<urn:uuid:lock> ["nope"])"#).holds == false)
        let mixed = try evaluate(#"(<urn:uuid:lockx>) (Not <DAV:no-lock>)"#)
        #expect(mixed == .init(holds: true, submittedTokens: []))
        #expect(try evaluate("(<DAV:no-lock>)").holds == false)
    }

    @Test("tagged lists use the tagged resource; unmapped and foreign ones have no state (§10.4.4)")
    func taggedEvaluation() throws {
        #expect(try evaluate(#"</other> (["e2"])"#).holds)
        #expect(try evaluate(#"</other> (<urn:uuid:lock>)"#).holds == false)
        #expect(try evaluate("</missing> (Not <urn:uuid:lock>)").holds)
        #expect(try evaluate(#"<http://elsewhere/r> (["e1"])"#).holds == false)
    }

    @Test("entity tags compare weakly")
    func weakComparison() throws {
        #expect(try evaluate(#"([W/"e1"])"#).holds)
    }
}
