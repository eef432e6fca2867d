import Foundation
import MIMEDir
import Testing
import VCardFormat

#if canImport(FoundationXML)
    import FoundationXML
#endif

@Suite("xCard output (RFC 6351)")
struct XCardWriterTests {
    @Test("RFC 6351 §4: the author's card converts to the XML the RFC prints")
    func convertsTheRFCExample() throws {
        let card = try CardFixtures.load("rfc6351/s4-author-card.vcf")
        let expected = String(decoding: try CardFixtures.load("rfc6351/s4-author-card.xml"), as: UTF8.self)
        let xml = String(decoding: try VCardFileConverter.convert(card, to: .xcard), as: UTF8.self)
        #expect(Self.compact(xml) == Self.compact(expected))
        #expect(try Self.isWellFormed(xml))
    }

    @Test("RFC 6351 §3: groups wrap their properties, X- properties are unknown, VERSION is implied")
    func writesGroupsAndExtensions() throws {
        let card = try VCard.parse(
            "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:urn:uuid:1\r\nFN:A & B <x>\r\nitem1.EMAIL:a@example.com\r\n"
                + "item1.X-ABLABEL:Work\r\nX-CUSTOM;X-P=\"q;v\":a\\,b\r\nEND:VCARD\r\n"
        )
        let xml = XCardWriter.write(card)
        #expect(!xml.contains("<version>"))
        #expect(xml.contains("<uid><uri>urn:uuid:1</uri></uid><fn><text>A &amp; B &lt;x&gt;</text></fn>"))
        #expect(
            xml.contains(
                "<group name=\"item1\"><email><text>a@example.com</text></email>"
                    + "<x-ablabel><unknown>Work</unknown></x-ablabel></group>"
            )
        )
        #expect(xml.contains("<x-custom><parameters><x-p><text>q;v</text></x-p></parameters><unknown>a,b</unknown>"))
        #expect(try Self.isWellFormed(xml))
    }

    @Test("RFC 6351 §1: a vCard 3.0 is converted to 4.0 first (inline PHOTO becomes a data: URI)")
    func convertsVersion3First() throws {
        let card = try VCard.parse(
            "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:u3\r\nFN:Old\r\nN:Doe;Jane;;;\r\nTEL;TYPE=WORK,VOICE:+1 555\r\n"
                + "PHOTO;ENCODING=b;TYPE=JPEG:/9j/AA==\r\nEND:VCARD\r\n"
        )
        let xml = XCardWriter.write(card)
        #expect(
            xml.contains("<n><surname>Doe</surname><given>Jane</given><additional/><prefix/><suffix/></n>")
        )
        #expect(
            xml.contains(
                "<tel><parameters><type><text>work</text><text>voice</text></type></parameters><text>+1 555</text></tel>"
            )
        )
        #expect(xml.contains("<photo><uri>data:image/jpeg;base64,/9j/AA==</uri></photo>"))
    }

    @Test("RFC 6351 §3.3: extended ISO 8601 dates from vCard 3.0 are written in the basic format")
    func writesBasicDates() throws {
        let card = try VCard.parse(
            "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:d\r\nFN:D\r\nBDAY:1996-04-15\r\nREV:2024-04-01T10:12:00Z\r\n"
                + "ANNIVERSARY:2009-08-08T14:30:00-05:00\r\nEND:VCARD\r\n"
        )
        let xml = XCardWriter.write(card)
        #expect(xml.contains("<bday><date>19960415</date></bday>"))
        #expect(xml.contains("<rev><timestamp>20240401T101200Z</timestamp></rev>"))
        #expect(xml.contains("<anniversary><date-time>20090808T143000-0500</date-time></anniversary>"))
    }

    @Test("Several cards share one <vcards> root; kalends ical convert --to xcard keeps them all")
    func writesEveryCard() throws {
        let text =
            "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:a\r\nFN:A\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:4.0\r\nUID:b\r\nFN:B\r\nEND:VCARD\r\n"
        let xml = String(decoding: try VCardFileConverter.convert(Array(text.utf8), to: .xcard), as: UTF8.self)
        #expect(xml.components(separatedBy: "<vcard>").count == 3)
        #expect(
            xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<vcards xmlns=\"\(XCardWriter.namespace)\">")
        )
        #expect(try Self.isWellFormed(xml))
    }

    @Test("XML 1.0 §2.2: control characters a forgiving parse let through do not make the document ill-formed")
    func replacesControlCharacters() throws {
        let card = try VCard.parse("BEGIN:VCARD\r\nVERSION:4.0\r\nUID:c\r\nFN:bell\u{07}\rend\r\nEND:VCARD\r\n")
        let xml = XCardWriter.write(card)
        #expect(xml.contains("<fn><text>bell\u{FFFD}&#13;end</text></fn>"))
        #expect(try Self.isWellFormed(xml))
    }

    /// The document without whitespace between elements, so indentation does not matter.
    static func compact(_ xml: String) -> String {
        xml.replacingOccurrences(of: ">\\s+<", with: "><", options: .regularExpression)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func isWellFormed(_ xml: String) throws -> Bool {
        XMLParser(data: Data(xml.utf8)).parse()
    }
}
