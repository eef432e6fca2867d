import DAVXML
import Testing

/// Processing instructions: only the XML declaration is accepted, because FoundationXML crashes the process on a
/// processing instruction without data (found by the `xml` fuzz target).
@Suite struct ProcessingInstructionTests {
    private let reader = XMLReader()

    @Test(arguments: [
        "<?xmllns:b?>\n<a xmlns=\"urn:a\"/>",
        "<a xmlns=\"urn:a\"><?pi?></a>",
        "<a xmlns=\"urn:a\"><?pi data?></a>",
        "<?xml version=\"1.0\"?><a xmlns=\"urn:a\"/><?pi?>",
        " <?xml version=\"1.0\"?><a xmlns=\"urn:a\"/>",
    ])
    func aProcessingInstructionIsRefused(body: String) {
        #expect(throws: XMLReaderError.self) { try reader.parse(Array(body.utf8)) }
    }

    @Test func aProcessingInstructionInUTF16IsRefused() {
        let body: [UInt8] =
            [0xFF, 0xFE] + "<a xmlns=\"urn:a\"><?pi?></a>".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(throws: XMLReaderError.self) { try reader.parse(body) }
    }

    @Test(arguments: [
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<a xmlns=\"urn:a\"/>",
        "\u{FEFF}<?xml version=\"1.0\"?><a xmlns=\"urn:a\"/>",
        "<a xmlns=\"urn:a\">x ?&gt; y</a>",
    ])
    func theXMLDeclarationIsAccepted(body: String) throws {
        _ = try reader.parse(Array(body.utf8))
    }
}
