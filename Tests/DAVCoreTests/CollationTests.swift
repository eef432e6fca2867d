import DAVCore
import Testing

@Suite("Collations (RFC 4790, RFC 5051) and match types (RFC 6352 §10.5.4)")
struct CollationTests {
    @Test("i;octet compares bytes, so case matters")
    func octetIsCaseSensitive() {
        #expect(Collation.octet.matches("mailto:Lisa@example.com", pattern: "Lisa"))
        #expect(!Collation.octet.matches("mailto:Lisa@example.com", pattern: "lisa"))
    }

    @Test("i;ascii-casemap ignores ASCII case only")
    func asciiCasemapIgnoresASCIICase() {
        #expect(Collation.asciiCasemap.matches("NEEDS-ACTION", pattern: "needs-action", matchType: .equals))
        #expect(!Collation.asciiCasemap.matches("ÄRGER", pattern: "ärger"))
    }

    @Test("i;unicode-casemap folds non-ASCII case and compatibility forms")
    func unicodeCasemapFoldsCaseAndCompatibilityForms() {
        #expect(Collation.unicodeCasemap.matches("ÄRGER im Büro", pattern: "ärger"))
        #expect(Collation.unicodeCasemap.matches("Oﬃce hours", pattern: "OFFICE"))
        #expect(!Collation.unicodeCasemap.matches("Arger", pattern: "ärger"))
    }

    @Test("Match types: equals, contains, starts-with, ends-with")
    func matchTypesPlaceThePattern() {
        let collation = Collation.asciiCasemap
        #expect(collation.matches("Team Meeting", pattern: "team meeting", matchType: .equals))
        #expect(!collation.matches("Team Meeting", pattern: "team", matchType: .equals))
        #expect(collation.matches("Team Meeting", pattern: "m mee", matchType: .contains))
        #expect(collation.matches("Team Meeting", pattern: "TEAM", matchType: .startsWith))
        #expect(!collation.matches("Team Meeting", pattern: "meeting", matchType: .startsWith))
        #expect(collation.matches("Team Meeting", pattern: "MEETING", matchType: .endsWith))
        #expect(collation.matches("anything", pattern: ""))
    }

    @Test("An unknown collation name is a typed error carrying the name")
    func unknownCollationThrowsItsName() {
        #expect(throws: UnsupportedCollation(name: "i;basic")) { try Collation(named: "i;basic") }
        #expect((try? Collation(named: "i;octet")) == .octet)
    }
}
