import Testing

@testable import CalDAV

@Suite("Property names recognised in stored bytes")
struct StoredPropertyNameTests {
    static func name(_ text: String) -> StoredPropertyName {
        Array(text.utf8).withUnsafeBufferPointer { StoredPropertyName.named($0, 0..<$0.count) }
    }

    @Test("Every name expansion treats apart is recognised in any ASCII case")
    func namesAreRecognisedInAnyCase() {
        for name in StoredPropertyName.allCases where name != .other {
            #expect(Self.name(name.text) == name)
            #expect(Self.name(name.text.lowercased()) == name)
        }
    }

    @Test("Names sharing a length and first letter with one of them are other")
    func lookAlikesAreOther() {
        for text in [
            "DTSTAMP", "DESCRIPTION", "RDATES", "EXDATA", "UIDX", "CATEGORIES", "RECURRENCE-IDS", "X-DTSTART", "",
        ] {
            #expect(Self.name(text) == .other, "\(text)")
        }
    }
}
