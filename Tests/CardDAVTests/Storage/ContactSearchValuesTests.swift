import CardDAV
import DAVCore
import Testing
import VCardFormat

@Suite("Contact search values: what the store indexes of a card (RFC 6352 §10.5.4)")
struct ContactSearchValuesTests {
    @Test("Names lose their group and case; values are unescaped and folded; long values are kept empty")
    func valuesAreFolded() throws {
        let card = try VCard.parse(
            "BEGIN:VCARD\r\nVERSION:4.0\r\nitem1.email:Anna.Schmidt@Example.org\r\nFN:Jürgen\\, Ｍeyer\r\n"
                + "NOTE:\(String(repeating: "x", count: 600))\r\nEND:VCARD\r\n"
        )
        let values = ContactSearchValues.of(card)
        #expect(values.contains(ObjectSearchValue(name: "EMAIL", value: "anna.schmidt@example.org")))
        #expect(values.contains(ObjectSearchValue(name: "FN", value: "ju\u{308}rgen, meyer")))
        #expect(values.contains(ObjectSearchValue(name: "NOTE", value: "")))
        #expect(values.contains(ObjectSearchValue(name: "VERSION", value: "4.0")))
        #expect(ContactSearchValues.of(Array("not a card".utf8)) == nil)
    }
}
