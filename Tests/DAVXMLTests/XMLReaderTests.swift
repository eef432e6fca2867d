import DAVXML
import Testing

@Suite("DAVXML: safe reading and writing")
struct XMLReaderTests {
    @Test("RFC 4918 §9.1.3 example: a PROPFIND body parses into expanded names")
    func propfindExample() throws {
        let body = """
            <?xml version="1.0" encoding="utf-8" ?>
            <D:propfind xmlns:D="DAV:">
              <D:prop xmlns:R="http://ns.example.com/boxschema/">
                <R:bigbox/> <R:author/> <R:DingALing/> <R:Random/>
              </D:prop>
            </D:propfind>
            """
        let tree = try XMLReader().parse(Array(body.utf8))
        #expect(tree.name == .dav("propfind"))
        let prop = try #require(tree.child(.dav("prop")))
        #expect(prop.elements.map(\.name.localName) == ["bigbox", "author", "DingALing", "Random"])
        #expect(prop.elements.allSatisfy { $0.name.namespace == "http://ns.example.com/boxschema/" })
    }

    @Test(
        "refuses DOCTYPE and entity declarations (XXE, billion laughs)",
        arguments: [
            #"<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>"#,
            #"<!doctype lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><lolz>&lol2;</lolz>"#,
            #"<x><!ENTITY y "z"></x>"#,
        ]
    )
    func refusesDocumentTypes(body: String) {
        #expect(throws: XMLReaderError.documentTypeDeclarationRefused) { try XMLReader().parse(Array(body.utf8)) }
    }

    @Test("malformed, empty, too deep and too large documents are refused with their own errors")
    func limits() {
        #expect(throws: XMLReaderError.empty) { try XMLReader().parse([]) }
        #expect(throws: XMLReaderError.self) { try XMLReader().parse(Array("<a><b></a>".utf8)) }
        let deep = String(repeating: "<a>", count: 100) + String(repeating: "</a>", count: 100)
        #expect(throws: XMLReaderError.tooDeep(64)) { try XMLReader().parse(Array(deep.utf8)) }
        let wide = "<a>" + String(repeating: "<b/>", count: 1000) + "</a>"
        #expect(throws: XMLReaderError.tooManyElements(500)) { try XMLReader(maxElements: 500).parse(Array(wide.utf8)) }
    }

    @Test("an element whose prefix is bound to no namespace is refused, not stored under a wrong name")
    func unboundPrefixIsRefused() {
        #expect(throws: XMLReaderError.self) {
            try XMLReader().parse(Array(#"<D:propfind xmlns:D="DAV:"><x:prop/></D:propfind>"#.utf8))
        }
        let recovered = #"<D:propertyupda,e xmlns:D="DAV:"><D:set/><D:remov:prop/></D:propertyupdate>"#
        #expect(throws: XMLReaderError.self) { try XMLReader().parse(Array(recovered.utf8)) }
    }

    @Test("text, CDATA and xml:lang survive; the writer round-trips a tree with foreign namespaces")
    func roundTrip() throws {
        let body =
            #"<x:set xmlns:x="urn:example"><x:note xml:lang="fr">a &amp; b<![CDATA[ <c> ]]></x:note><y xmlns="urn:other"/></x:set>"#
        let tree = try XMLReader().parse(Array(body.utf8))
        let note = try #require(tree.child(XMLName("urn:example", "note")))
        #expect(note.text == "a & b <c> ")
        #expect(note.attributes[XMLName("http://www.w3.org/XML/1998/namespace", "lang")] == "fr")
        let written = XMLWriter.document(tree)
        let reparsed = try XMLReader().parse(written)
        #expect(reparsed == tree)
    }

    @Test("the writer uses D: for DAV: and declares undeclared namespaces where used")
    func writerPrefixes() throws {
        var writer = XMLWriter(root: .dav("multistatus"))
        writer.write(XMLTree(.dav("response"), children: [.element(XMLTree(XMLName("urn:x", "p"), text: "1 < 2"))]))
        let text = String(decoding: writer.finish(), as: UTF8.self)
        #expect(text.contains(#"<D:multistatus xmlns:D="DAV:">"#))
        #expect(text.contains(#"<x0:p xmlns:x0="urn:x">1 &lt; 2</x0:p>"#))
        #expect(try XMLReader().parse(Array(text.utf8)).elements.count == 1)
    }
}

@Suite("DAVXML: regressions")
struct XMLRegressionTests {
    @Test("sibling elements in an undeclared namespace each get a declaration (litmus propfind_d0)")
    func siblingDeclarations() throws {
        var writer = XMLWriter(root: .dav("prop"))
        writer.write(XMLTree(XMLName("urn:n", "foo")))
        writer.write(XMLTree(XMLName("urn:n", "bar")))
        let tree = try XMLReader().parse(writer.finish())
        #expect(tree.elements.map(\.name) == [XMLName("urn:n", "foo"), XMLName("urn:n", "bar")])
    }

    @Test("a prefix bound to the empty namespace is malformed (litmus propfind_invalid2)")
    func emptyPrefixBinding() {
        let body = #"<D:propfind xmlns:D="DAV:"><D:prop><bar:foo xmlns:bar=""/></D:prop></D:propfind>"#
        #expect(throws: XMLReaderError.self) { try XMLReader().parse(Array(body.utf8)) }
    }
}
