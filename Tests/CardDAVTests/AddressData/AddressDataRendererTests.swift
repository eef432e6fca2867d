import CardDAV
import DAVCore
import DAVXML
import HTTPWire
import MIMEDir
import Testing
import VCardFormat

@Suite("address-data rendering (RFC 6352 §10.4)")
struct AddressDataRendererTests {
    static let version3 = Array(
        """
        BEGIN:VCARD
        VERSION:3.0
        N:Doe;Jane;;;
        FN:Jane Doe
        UID:jane-1
        X-ADDRESSBOOKSERVER-KIND:group
        EMAIL;TYPE=INTERNET,WORK,pref:jane@example.com
        TEL;TYPE=CELL:+1 555 0100
        NOTE:A note
        END:VCARD

        """.utf8
    )
    static let version4 =
        Array(
            "BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:group\r\nFN:Team\r\nUID:team-1\r\nEMAIL;TYPE=work;PREF=1:team@example.com\r\n"
                .utf8
        ) + Array("MEMBER:urn:uuid:jane-1\r\nEND:VCARD\r\n".utf8)

    let renderer = AddressDataRenderer()

    func named(_ names: String...) -> AddressDataRequest.Properties {
        .named(names.map { MIMEDir.PropertySelection(name: $0) })
    }

    @Test("The whole card in its stored version is the stored bytes, unparsed", arguments: [nil, VCardVersion.v3])
    func unchanged(version: VCardVersion?) throws {
        #expect(try renderer.render(Self.version3, for: AddressDataRequest(format: .vCard(version))) == Self.version3)
        let garbage = Array("not a vcard".utf8)
        #expect(try renderer.render(garbage, for: AddressDataRequest()) == garbage)
    }

    @Test("A partial card keeps the named properties plus VERSION, UID and FN, in stored order")
    func partial() throws {
        let bytes = try renderer.render(Self.version3, for: AddressDataRequest(properties: named("email", "NOTE")))
        let card = try VCard.parse(bytes)
        #expect(card.component.properties.map { $0.name.uppercased() } == ["VERSION", "FN", "UID", "EMAIL", "NOTE"])
    }

    @Test("novalue keeps a property's name and parameters without its value")
    func noValue() throws {
        let request = AddressDataRequest(properties: .named([MIMEDir.PropertySelection(name: "TEL", noValue: true)]))
        let card = try VCard.parse(renderer.render(Self.version3, for: request))
        let tel = try #require(card.component.property("TEL"))
        #expect(tel.value == "")
        #expect(tel.parameterValue("TYPE") == "CELL")
    }

    @Test("vCard 3.0 converts to 4.0: VERSION, KIND, TYPE and PREF")
    func threeToFour() throws {
        let card = try VCard.parse(renderer.render(Self.version3, for: AddressDataRequest(format: .vCard(.v4))))
        #expect(card.version == .v4)
        #expect(card.component.property("KIND")?.value == "group")
        let email = try #require(card.component.property("EMAIL"))
        #expect(email.parameter("TYPE")?.values == ["work"])
        #expect(email.parameterValue("PREF") == "1")
    }

    @Test("vCard 4.0 converts to 3.0, adding the N that 3.0 requires")
    func fourToThree() throws {
        let card = try VCard.parse(renderer.render(Self.version4, for: AddressDataRequest(format: .vCard(.v3))))
        #expect(card.version == .v3)
        #expect(card.component.property("X-ADDRESSBOOKSERVER-KIND")?.value == "group")
        #expect(card.component.property("X-ADDRESSBOOKSERVER-MEMBER")?.value == "urn:uuid:jane-1")
        #expect(card.component.property("N") != nil)
    }

    @Test("Selection applies after conversion, so 4.0 names select converted 3.0 properties")
    func selectionAfterConversion() throws {
        let request = AddressDataRequest(properties: named("KIND"), format: .vCard(.v4))
        let card = try VCard.parse(renderer.render(Self.version3, for: request))
        #expect(card.component.properties.map(\.name) == ["VERSION", "FN", "UID", "KIND"])
    }

    @Test("jCard output is RFC 7095 JSON of the 4.0 card, partial when asked")
    func jCard() throws {
        let whole = String(
            decoding: try renderer.render(Self.version3, for: AddressDataRequest(format: .jCard)),
            as: UTF8.self
        )
        #expect(whole.hasPrefix(#"["vcard",[["version",{},"text","4.0"]"#))
        #expect(whole.contains(#"["kind",{},"text","group"]"#))
        let partial = String(
            decoding: try renderer.render(
                Self.version3,
                for: AddressDataRequest(properties: named("UID"), format: .jCard)
            ),
            as: UTF8.self
        )
        #expect(
            partial
                == #"["vcard",[["version",{},"text","4.0"],["fn",{},"text","Jane Doe"],["uid",{},"text","jane-1"]]]"#
        )
    }

    @Test("A parsed card can be passed in; it is not re-read")
    func parsedCard() throws {
        let card = try VCard.parse(Self.version3)
        let request = AddressDataRequest(properties: named("NOTE"))
        #expect(try renderer.render([], card: card, for: request) == renderer.render(card, for: request))
    }

    @Test("Stored data that cannot be read for conversion is CARDDAV:supported-address-data-conversion")
    func unreadable() {
        #expect {
            _ = try renderer.render(Array("BEGIN:VCARD\r\n".utf8), for: AddressDataRequest(format: .vCard(.v4)))
        } throws: { error in
            let error = error as? DAVError
            return error?.status == .forbidden && error?.condition?.name == "supported-address-data-conversion"
        }
    }
}
