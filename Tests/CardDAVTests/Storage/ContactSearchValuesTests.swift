import DAVCore
import Testing
import VCardFormat

@testable import CardDAV

@Suite("Contact search values: what the store indexes of a card (RFC 6352 §10.5.4)")
struct ContactSearchValuesTests {
    @Test("Names lose their group and case; values are unescaped and folded; long values are kept empty, VERSION not")
    func valuesAreFolded() throws {
        let card = try VCard.parse(
            "BEGIN:VCARD\r\nVERSION:4.0\r\nitem1.email:Anna.Schmidt@Example.org\r\nFN:Jürgen\\, Ｍeyer\r\n"
                + "NOTE:\(String(repeating: "x", count: 600))\r\nEND:VCARD\r\n"
        )
        let values = ContactSearchValues.of(card)
        #expect(values.contains(ObjectSearchValue(name: "EMAIL", value: "anna.schmidt@example.org")))
        #expect(values.contains(ObjectSearchValue(name: "FN", value: "ju\u{308}rgen, meyer")))
        #expect(values.contains(ObjectSearchValue(name: "NOTE", value: "")))
        #expect(!values.contains { $0.name == "VERSION" })
        #expect(ContactSearchValues.of(Array("not a card".utf8)) == nil)
    }
}

@Suite("Casemap keys built from the keys of scalars")
struct CasemapKeyTests {
    @Test("Equal to the collation's key of the whole text, combining marks and compatibility forms included")
    func equalsTheWholeKey() {
        for text in [
            "Jürgen Müller", "Straße", "ſchmidt", "ｓｃｈｍｉｄｔ", "Ǆemal", "ﬃ", "K Kelvin", "ΣΊΣΥΦΟΣ", "İstanbul",
            "e\u{301}\u{323}", "a\u{323}\u{301}x", "\u{344}a", "한국어", "ǰ", "ẞ", "plain ascii",
        ] {
            #expect(CasemapKey.of(text) == Collation.unicodeCasemap.key(text), "\(text)")
        }
    }
}
