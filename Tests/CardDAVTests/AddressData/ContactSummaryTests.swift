import CardDAV
import DAVCore
import HTTPWire
import Testing
import VCardFormat

@Suite("contact summary for the store (RFC 6352 §5.1, §6.3.2.1)")
struct ContactSummaryTests {
    @Test("UID, FN, version and individual kind are summarized")
    func individual() throws {
        let summary = try ContactSummary.validating(
            Array("BEGIN:VCARD\r\nVERSION:3.0\r\nUID:a\\,b\r\nFN:Jane Doe\r\nN:Doe;Jane;;;\r\nEND:VCARD\r\n".utf8)
        )
        #expect(summary == ContactSummary(uid: "a,b", formattedName: "Jane Doe", isGroup: false, version: .v3))
    }

    @Test(
        "KIND:group and X-ADDRESSBOOKSERVER-KIND:group are groups",
        arguments: ["VERSION:4.0\r\nKIND:group", "VERSION:3.0\r\nX-ADDRESSBOOKSERVER-KIND:GROUP"]
    )
    func group(lines: String) throws {
        let bytes = Array("BEGIN:VCARD\r\n\(lines)\r\nUID:g\r\nFN:Team\r\nEND:VCARD\r\n".utf8)
        #expect(try ContactSummary.validating(bytes).isGroup)
    }

    @Test(
        "Invalid cards are 403 with the CardDAV precondition",
        arguments: [
            ("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:x\r\nEND:VCARD\r\n", "valid-address-data"),
            ("BEGIN:VCARD\r\nVERSION:2.1\r\nUID:u\r\nEND:VCARD\r\n", "supported-address-data"),
            ("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "valid-address-data"),
            ("BEGIN:VCARD\r\nVERSION:4.0\r\n", "valid-address-data"),
        ]
    )
    func invalid(text: String, condition: String) {
        #expect {
            _ = try ContactSummary.validating(Array(text.utf8))
        } throws: { error in
            let error = error as? DAVError
            return error?.status == .forbidden && error?.condition == CardDAVConditions.named(condition)
        }
    }
}
