import DAVXML
import Testing

/// Attributes with a namespace prefix: read into their namespace, and written back with the prefix declared, so a
/// dead property holding one is stored and returned as well-formed XML (found by the `xml` fuzz target).
@Suite struct AttributeNamespaceTests {
    private let reader = XMLReader()

    @Test func aPrefixedAttributeIsReadIntoTheNamespaceItsPrefixIsBoundTo() throws {
        let tree = try reader.parse(Array(#"<a xmlns="urn:a" xmlns:b="urn:b"><b:c b:attr="v" plain="p"/></a>"#.utf8))
        let child = try #require(tree.elements.first)
        #expect(child.attributes[XMLName("urn:b", "attr")] == "v")
        #expect(child.attributes[XMLName("", "plain")] == "p")
    }

    @Test func aPrefixedAttributeSurvivesTheStoredForm() throws {
        let body =
            #"<a xmlns="urn:a" xmlns:b="urn:b"><b:c b:attr="v&#10;w">t</b:c><d xmlns="" z:q="1" xmlns:z="urn:z"/></a>"#
        let tree = try reader.parse(Array(body.utf8))
        let stored = XMLWriter.fragment(tree)
        let reread = try reader.parse(stored)
        #expect(reread == tree, "\(String(decoding: stored, as: UTF8.self))")
    }

    @Test func textThatLooksLikeAnEmptyPrefixBindingIsAcceptedAndSurvivesTheStoredForm() throws {
        let body = #"<a xmlns="urn:a">x xmlns:b="" y &gt; xmlns:c = '' <b q="xmlns:d=''"/></a>"#
        let tree = try reader.parse(Array(body.utf8))
        #expect(try reader.parse(XMLWriter.fragment(tree)) == tree)
    }

    @Test func anEmptyPrefixBindingInMarkupIsRefused() {
        for body in [#"<a xmlns="urn:a" xmlns:b=""/>"#, "<a xmlns=\"urn:a\">\n<b xmlns:c = ''/></a>"] {
            #expect(throws: XMLReaderError.self) { try reader.parse(Array(body.utf8)) }
        }
    }

    @Test func anElementInTheXMLNamespaceKeepsTheXMLPrefixInTheStoredForm() throws {
        let tree = try reader.parse(Array("<a xmlns=\"urn:a\"><xml:p xml:lang=\"en\">t</xml:p></a>".utf8))
        let stored = XMLWriter.fragment(tree)
        #expect(try reader.parse(stored) == tree, "\(String(decoding: stored, as: UTF8.self))")
        #expect(try reader.parse(XMLWriter.fragment(try reader.parse(Array("<xml:p/>".utf8)))).name.localName == "p")
    }

    @Test func anAttributePrefixBoundOnlyInASiblingIsRefused() {
        let body = #"<a xmlns="urn:a"><b xmlns:p="urn:p"/><c p:attr="v"/></a>"#
        #expect(throws: XMLReaderError.self) { try reader.parse(Array(body.utf8)) }
    }

    @Test func aNamespaceNameThatIsNoURIIsRefusedWhetherOrNotTheDocumentHoldsAReference() {
        for body in [
            #"<D:propfind xmlns:D="D'AV:"><D:prop><D2getetag/></D:prop></D:propfind>"#,
            #"<D:propfind xmlns:D="D&apos;AV:"><D:prop><D2getetag/></D:prop></D:propfind>"#,
            #"<x:a xmlns:x=":urn:a"><b q="1"/></x:a>"#,
            #"<x:a xmlns:x=":urn:a"><b q="&apos;"/></x:a>"#,
        ] {
            #expect(throws: XMLReaderError.self, "\(body)") { try reader.parse(Array(body.utf8)) }
        }
    }

    @Test func aNamespaceNameWithAnApostropheSurvivesTheStoredForm() throws {
        let tree = try reader.parse(Array(#"<p:a xmlns:p="urn:it's"><b xmlns="http://h/x'y" p:c="1"/></p:a>"#.utf8))
        let stored = XMLWriter.fragment(tree)
        #expect(try reader.parse(stored) == tree, "\(String(decoding: stored, as: UTF8.self))")
    }
}
