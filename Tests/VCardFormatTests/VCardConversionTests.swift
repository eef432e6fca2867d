import MIMEDir
import Testing
import VCardFormat

@Suite("vCard 3 ⇄ 4 conversion, validation and jCard")
struct VCardConversionTests {
    static let v3 = """
        BEGIN:VCARD\r
        VERSION:3.0\r
        FN:Ida Koch\r
        N:Koch;Ida;;;\r
        UID:card-1\r
        EMAIL;TYPE=INTERNET,HOME,PREF:ida@example.com\r
        TEL;CELL;VOICE:+49 1\r
        PHOTO;ENCODING=b;TYPE=PNG:iVBORw0KGgo=\r
        item1.URL:https://example.com\r
        END:VCARD\r

        """

    @Test("RFC 6352 §5.1.1: 3.0 → 4.0 maps TYPE/PREF, bare types and inline PHOTO to a data: URI")
    func convertsToVersion4() throws {
        let card = VCardConverter.convert(try VCard.parse(Self.v3), to: .v4)
        #expect(card.version == .v4)
        let email = try #require(card.component.property("EMAIL"))
        #expect(email.parameter("TYPE")?.values == ["home"])
        #expect(email.parameterValue("PREF") == "1")
        #expect(card.component.property("TEL")?.parameter("TYPE")?.values == ["cell", "voice"])
        #expect(card.component.property("PHOTO")?.value == "data:image/png;base64,iVBORw0KGgo=")
        #expect(card.component.property("PHOTO")?.parameters.isEmpty == true)
        #expect(card.component.property("URL")?.group == "item1")
    }

    @Test("RFC 6352 §5.1.1: 4.0 → 3.0 maps data: PHOTO to ENCODING=b and VALUE=uri TEL to text")
    func convertsToVersion3() throws {
        let text =
            "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:X\r\nUID:u\r\nTEL;VALUE=uri;TYPE=\"work,voice\";PREF=1:tel:+1-555\r\nPHOTO:data:image/jpeg;base64,/9j/\r\nLOGO:https://x.org/l.png\r\nEND:VCARD\r\n"
        let card = VCardConverter.convert(try VCard.parse(text), to: .v3)
        let tel = try #require(card.component.property("TEL"))
        #expect(tel.value == "+1-555")
        #expect(tel.parameter("TYPE")?.values == ["WORK", "VOICE", "PREF"])
        #expect(tel.parameter("VALUE") == nil)
        let photo = try #require(card.component.property("PHOTO"))
        #expect(photo.parameterValue("ENCODING") == "b")
        #expect(photo.parameterValue("TYPE") == "JPEG")
        #expect(photo.value == "/9j/")
        #expect(card.component.property("LOGO")?.parameterValue("VALUE") == "uri")
        #expect(card.component.property("N")?.value == ";;;;")
    }

    @Test("RFC 6352 §6.3.2.1: valid-address-data requires VERSION and exactly one UID")
    func validates() throws {
        #expect(try VCardValidator().validate(Array(Self.v3.utf8)).uid == "card-1")
        let noUID = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:X\r\nEND:VCARD\r\n"
        #expect(throws: VCardValidationError.missingUID(line: 1)) { try VCardValidator().validate(Array(noUID.utf8)) }
        let twoUIDs = "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:a\r\nUID:b\r\nEND:VCARD\r\n"
        #expect(throws: VCardValidationError.multipleUIDs(line: 4)) {
            try VCardValidator().validate(Array(twoUIDs.utf8))
        }
        let noVersion = "BEGIN:VCARD\r\nUID:a\r\nEND:VCARD\r\n"
        #expect(throws: VCardValidationError.missingVersion(line: 1)) {
            try VCardValidator().validate(Array(noVersion.utf8))
        }
        let version21 = "BEGIN:VCARD\r\nVERSION:2.1\r\nUID:a\r\nEND:VCARD\r\n"
        let error = #expect(throws: VCardValidationError.self) { try VCardValidator().validate(Array(version21.utf8)) }
        #expect(error?.precondition == .supportedAddressData)
        let unpaired = "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:a\r\n"
        #expect(throws: VCardValidationError.unparsable(.unterminatedComponent(line: 1, name: "VCARD"))) {
            try VCardValidator().validate(Array(unpaired.utf8))
        }
        let two = Self.v3 + Self.v3
        #expect(throws: VCardValidationError.multipleCards(line: 11)) { try VCardValidator().validate(Array(two.utf8)) }
    }

    @Test("RFC 7095: jCard uses lower-case names, typed values, structured arrays and group parameters")
    func writesJCard() throws {
        let json = JCardWriter.write(try VCard.parse(Self.v3))
        #expect(json.hasPrefix("[\"vcard\",[[\"version\",{},\"text\",\"4.0\"]"))
        #expect(json.contains("[\"n\",{},\"text\",[\"Koch\",\"Ida\",\"\",\"\",\"\"]]"))
        #expect(json.contains("[\"email\",{\"type\":\"home\",\"pref\":\"1\"},\"text\",\"ida@example.com\"]"))
        #expect(json.contains("[\"url\",{\"group\":\"item1\"},\"uri\",\"https://example.com\"]"))
        #expect(json.contains("[\"photo\",{},\"uri\",\"data:image/png;base64,iVBORw0KGgo=\"]"))
        let dated = "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:u\r\nBDAY:19850412\r\nREV:20240401T101112Z\r\nEND:VCARD\r\n"
        let datedJSON = JCardWriter.write(try VCard.parse(dated))
        #expect(datedJSON.contains("[\"bday\",{},\"date-and-or-time\",\"1985-04-12\"]"))
        #expect(datedJSON.contains("[\"rev\",{},\"timestamp\",\"2024-04-01T10:11:12Z\"]"))
    }
}
