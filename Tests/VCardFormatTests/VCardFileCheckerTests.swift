import Foundation
import MIMEDir
import Testing
import VCardFormat

@Suite("kalends ical check/convert for vCard files")
struct VCardFileCheckerTests {
    @Test("Every card of an export is checked with the PUT rules, problems carry lines")
    func checksEveryCard() {
        let text =
            "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:a\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:x\r\nEND:VCARD\r\n"
        #expect(
            VCardFileChecker.problems(in: Array(text.utf8)) == [
                FileProblem(line: 5, message: "valid-address-data: VCARD has no UID")
            ]
        )
        let broken = VCardFileChecker.problems(in: Array("BEGIN:VCARD\r\nVERSION:3.0\r\n".utf8))
        #expect(broken == [FileProblem(line: 1, message: "valid-address-data: BEGIN:VCARD is never closed")])
    }

    @Test("Conversion to vcard3, vcard4 and jcard keeps every card")
    func convertsEveryCard() throws {
        let text =
            "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:a\r\nFN:A\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:4.0\r\nUID:b\r\nFN:B\r\nEND:VCARD\r\n"
        let v4 = String(decoding: try VCardFileConverter.convert(Array(text.utf8), to: .vcard4), as: UTF8.self)
        #expect(v4.components(separatedBy: "VERSION:4.0").count == 3)
        let v3 = String(decoding: try VCardFileConverter.convert(Array(text.utf8), to: .vcard3), as: UTF8.self)
        #expect(v3.components(separatedBy: "VERSION:3.0").count == 3)
        let json = String(decoding: try VCardFileConverter.convert(Array(text.utf8), to: .jcard), as: UTF8.self)
        #expect(json.hasPrefix("[[\"vcard\""))
    }
}

@Suite("CARDDAV:address-data partial retrieval")
struct VCardSelectionTests {
    @Test("RFC 6352 §10.4.2: only the requested properties are returned, VERSION always")
    func selectsProperties() throws {
        let card = try VCard.parse(
            "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:u\r\nFN:F\r\nEMAIL:e@x\r\nNOTE:n\r\nEND:VCARD\r\n"
        )
        let partial = card.selecting([PropertySelection(name: "fn"), PropertySelection(name: "EMAIL", noValue: true)])
        #expect(partial.text == "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:F\r\nEMAIL:\r\nEND:VCARD\r\n")
    }
}
