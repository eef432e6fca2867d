import CardDAV
import DAVCore
import Testing

@Suite("text-match (RFC 6352 §10.5.4) under RFC 4790 / RFC 5051 collations")
struct TextMatchTests {
    typealias TextMatch = AddressBookFilter.TextMatch

    @Test(
        "Each match type on \"Cyrus Daboo\"",
        arguments: [
            (TextMatch.MatchType.equals, "cyrus daboo", true), (.equals, "Cyrus", false),
            (.contains, "RUS DA", true), (.contains, "Dabooo", false),
            (.startsWith, "cyrus", true), (.startsWith, "Daboo", false),
            (.endsWith, "DABOO", true), (.endsWith, "Cyrus", false),
        ]
    )
    func matchTypes(matchType: TextMatch.MatchType, text: String, expected: Bool) {
        #expect(TextMatch(text, matchType: matchType).matches("Cyrus Daboo") == expected)
    }

    @Test("An empty text is contained in, starts and ends every value but equals only the empty value")
    func emptyText() {
        #expect(TextMatch("").matches("x"))
        #expect(TextMatch("", matchType: .startsWith).matches("x"))
        #expect(TextMatch("", matchType: .endsWith).matches("x"))
        #expect(!TextMatch("", matchType: .equals).matches("x"))
        #expect(TextMatch("", matchType: .equals).matches(""))
    }

    @Test("i;octet compares bytes: case matters")
    func octet() {
        #expect(TextMatch("Daboo", collation: .octet).matches("Cyrus Daboo"))
        #expect(!TextMatch("daboo", collation: .octet).matches("Cyrus Daboo"))
    }

    @Test("i;ascii-casemap folds ASCII letters only")
    func asciiCasemap() {
        #expect(TextMatch("DABOO", collation: .asciiCasemap).matches("cyrus daboo"))
        #expect(!TextMatch("ÉMILE", collation: .asciiCasemap, matchType: .equals).matches("émile"))
        #expect(TextMatch("éMILE", collation: .asciiCasemap, matchType: .equals).matches("émile"))
    }

    @Test("i;unicode-casemap folds non-ASCII case and compatibility forms")
    func unicodeCasemap() {
        #expect(TextMatch("ÉMILE", matchType: .equals).matches("émile"))
        #expect(TextMatch("straße", matchType: .equals).matches("STRAßE"))
        #expect(TextMatch("ΣΟΦΙΑ", matchType: .equals).matches("σοφια"))
        #expect(TextMatch("fin", matchType: .startsWith).matches("ﬁnance"))
        #expect(TextMatch("ABC", matchType: .equals).matches("ＡＢＣ"))
        #expect(TextMatch("e\u{301}", matchType: .equals).matches("\u{E9}"))
        #expect(!TextMatch("emile", matchType: .equals).matches("émile"))
    }

    @Test("negate-condition inverts the result")
    func negate() {
        #expect(!TextMatch("daboo", negate: true).matches("Cyrus Daboo"))
        #expect(TextMatch("smith", negate: true).matches("Cyrus Daboo"))
    }

    @Test("Several values: some must match; negated, none may")
    func multipleValues() {
        #expect(TextMatch("work", matchType: .equals).matches(anyOf: ["voice", "WORK"]))
        #expect(!TextMatch("home", matchType: .equals).matches(anyOf: ["voice", "work"]))
        #expect(!TextMatch("work", matchType: .equals, negate: true).matches(anyOf: ["voice", "work"]))
        #expect(TextMatch("home", matchType: .equals, negate: true).matches(anyOf: ["voice", "work"]))
    }
}
