import Foundation
import MIMEDir
import Testing
import VCardFormat

enum CardFixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static func names(_ folder: String) -> [String] {
        let names =
            (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)) ?? []
        return names.filter { $0.hasSuffix(".vcf") }.sorted().map { folder + "/" + $0 }
    }

    static func load(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: root.appendingPathComponent(path)))
    }

    static let all = names("rfc6350") + names("rfc2426") + names("vcard-real")
}

@Suite("vCard model")
struct VCardTests {
    @Test("Fixtures: RFC 6350, RFC 2426 examples and real-world cards are present")
    func corpusIsPresent() {
        #expect(CardFixtures.names("rfc6350").count >= 6)
        #expect(CardFixtures.names("rfc2426").count >= 2)
        #expect(CardFixtures.names("vcard-real").count >= 6)
    }

    @Test("RFC 6350 §3.2: parse → serialize → parse gives equal cards", arguments: CardFixtures.all)
    func roundTrips(path: String) throws {
        let cards = try VCard.parseAll(CardFixtures.load(path))
        let bytes = MIMEDirSerializer().serialize(cards.map(\.component))
        let again = try VCard.parseAll(bytes)
        #expect(again == cards)
    }

    @Test("RFC 6350 and RFC 2426 conversions round-trip to the other version and back", arguments: CardFixtures.all)
    func convertsBothWays(path: String) throws {
        for card in try VCard.parseAll(CardFixtures.load(path)) {
            let other: VCardVersion = card.version == .v4 ? .v3 : .v4
            let converted = VCardConverter.convert(card, to: other)
            #expect(converted.version == other)
            let reparsed = try VCard.parse(converted.serialized())
            #expect(reparsed.formattedName == card.formattedName)
            #expect(reparsed.emails.map(\.value) == card.emails.map(\.value))
            #expect(reparsed.uid == card.uid)
            #expect(reparsed.kind == card.kind)
            #expect(reparsed.members == card.members)
            #expect(reparsed.photo == card.photo)
        }
    }

    @Test("RFC 6350 §8: the complete example exposes typed fields")
    func readsRFC6350Example() throws {
        let card = try VCard.parse(CardFixtures.load("rfc6350/s8-simon-perreault.vcf"))
        #expect(card.version == .v4)
        #expect(card.formattedName == "Simon Perreault")
        #expect(card.name?.family == ["Perreault"])
        #expect(card.name?.suffixes == ["ing. jr", "M.Sc."])
        #expect(card.addresses.first?.locality == "Quebec")
        #expect(card.addresses.first?.street == "2875 Laurier")
        #expect(card.telephones.first?.types == ["work", "voice"])
        #expect(card.telephones.first?.preference == 1)
        #expect(card.telephones.first?.value == "tel:+1-418-656-9254;ext=102")
        #expect(card.birthday == "--0203")
    }

    @Test("RFC 2426: v3 TYPE lists, PREF, grouping and structured values")
    func readsRFC2426Examples() throws {
        let cards = try VCard.parseAll(CardFixtures.load("rfc2426/s7-frank-dawson-tim-howes.vcf"))
        #expect(cards.count == 2)
        #expect(cards[0].emails.first?.preference == 1)
        #expect(cards[0].emails.first?.types == ["internet"])
        #expect(cards[1].addresses.first?.postalCode == " 94043")
        let apple = try VCard.parse(CardFixtures.load("vcard-real/apple-contacts-card.vcf"))
        #expect(apple.emails.map(\.group) == ["item1", "item2"])
        #expect(apple.organization == ["Beispiel GmbH", "Entwicklung"])
        #expect(apple.note == "Kennt sich mit Kaffee aus, sehr.\nZweite Zeile.")
        guard case .inline(let data, let type)? = apple.photo else {
            Issue.record("expected inline photo")
            return
        }
        #expect(data.prefix(2) == [0xFF, 0xD8])
        #expect(type == "image/jpeg")
        let uwe = try VCard.parseAll(CardFixtures.load("vcard-real/multi-card-export.vcf"))[1]
        #expect(uwe.telephones.first?.types == ["home", "voice"])
    }

    @Test("RFC 6350 §6.1.4/§6.6.5: KIND and MEMBER, and Apple's X-ADDRESSBOOKSERVER equivalents")
    func readsGroups() throws {
        let apple = try VCard.parse(CardFixtures.load("vcard-real/apple-contacts-group.vcf"))
        #expect(apple.isGroup)
        #expect(apple.members.count == 2)
        let converted = VCardConverter.convert(apple, to: .v4)
        #expect(converted.component.property("KIND")?.value == "group")
        #expect(converted.component.properties("MEMBER").count == 2)
        let back = VCardConverter.convert(converted, to: .v3)
        #expect(back.component.property("X-ADDRESSBOOKSERVER-KIND")?.value == "group")
    }
}
