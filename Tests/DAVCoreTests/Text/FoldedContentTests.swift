import DAVCore
import Foundation
import Testing

@Suite("Byte prefilter for text-matches: folded content and needles (RFC 4790, RFC 6350 §3.2)")
struct FoldedContentTests {
    private func mayOccur(_ pattern: String, in card: String, collation: Collation = .unicodeCasemap) -> Bool {
        guard let needle = ContentNeedle(pattern, collation: collation) else { return true }
        return Array(card.utf8).withUnsafeBytes { needle.mayOccur(in: FoldedContent($0, foldingUnicode: true)) }
    }

    private func card(_ lines: String...) -> String {
        (["BEGIN:VCARD", "VERSION:4.0"] + lines + ["END:VCARD", ""]).joined(separator: "\r\n")
    }

    @Test("A pattern in another case is found; one that occurs nowhere is ruled out")
    func findsCaseFoldedTextAndRulesOutMissingText() {
        let stored = card("FN:Marie Schmidt", "EMAIL:marie.schmidt@example.org")
        #expect(mayOccur("SCHMIDT", in: stored))
        #expect(!mayOccur("meyer", in: stored))
    }

    @Test("A value split by a folded line or a TEXT escape is still found")
    func findsTextAcrossFoldsAndEscapes() {
        #expect(mayOccur("schmidt", in: card("NOTE:Call Sch", " midt today")))
        #expect(mayOccur("schmidt", in: card("NOTE:Call Sch\r\n\tmidt today")))
        #expect(mayOccur("a,b", in: card("NOTE:a\\,b")))
        #expect(mayOccur("semi;colon", in: card("NOTE:semi\\;colon")))
    }

    @Test("Non-ASCII text that folds into the pattern under i;unicode-casemap is found, as the full match finds it")
    func findsNonASCIITextThatFoldsIntoThePattern() {
        for value in ["ſchmidt", "ＳＣＨＭＩＤＴ", "SCHMIDT"] {
            #expect(Collation.unicodeCasemap.matches(value, pattern: "schmidt"))
            #expect(mayOccur("schmidt", in: card("NOTE:Straße 1", "EMAIL:\(value)")))
        }
        #expect(mayOccur("strasse", in: card("ADR:;;Bahnhofstraße 1;;;;")) == true)
    }

    @Test("Non-ASCII text that does not fold into the pattern is ruled out without parsing")
    func rulesOutNonASCIIText() {
        let stored = card("FN:Jürgen Müller", "ADR:;;Bahnhofstraße 1;Köln;;;")
        #expect(!mayOccur("schmidt", in: stored))
        #expect(mayOccur("köln", in: stored))
        #expect(mayOccur("KÖLN", in: stored))
    }

    @Test("i;octet and i;ascii-casemap compare non-ASCII bytes as they are")
    func bytewiseCollationsKeepNonASCIIBytes() {
        let stored = card("FN:Jürgen Müller")
        #expect(mayOccur("MÜLLER", in: stored, collation: .octet) == false)
        #expect(mayOccur("Müller", in: stored, collation: .octet))
        #expect(mayOccur("müller", in: stored, collation: .asciiCasemap))
    }

    @Test("Empty patterns and patterns with a backslash or line break get no needle")
    func patternsThePrefilterCannotJudgeHaveNoNeedle() {
        #expect(ContentNeedle("", collation: .asciiCasemap) == nil)
        #expect(ContentNeedle("a\\b", collation: .asciiCasemap) == nil)
        #expect(ContentNeedle("a\nb", collation: .asciiCasemap) == nil)
        #expect(ContentNeedle("ab", collation: .asciiCasemap) != nil)
    }

    @Test("Whatever the full match finds in a value, the prefilter admits")
    func neverRulesOutAMatch() {
        let values = [
            "Schmidt", "ſchmidt", "Straße", "STRASSE", "Ǆemal", "Ωmega", "Ｆｕｌｌ", "ﬃce", "caf\u{E9}", "cafe\u{301}",
            "K-Kelvin", "İstanbul", "a\\,b", "x\\ny",
        ]
        let patterns = [
            "schmidt", "strasse", "ß", "dž", "ω", "full", "ffi", "café", "cafe", "k-k", "i̇stan", "a,b", "ny",
        ]
        for value in values {
            let unescaped = value.replacingOccurrences(of: "\\,", with: ",").replacingOccurrences(of: "\\n", with: "\n")
            for pattern in patterns where Collation.unicodeCasemap.matches(unescaped, pattern: pattern) {
                #expect(mayOccur(pattern, in: card("NOTE:\(value)")), "\(pattern) in \(value)")
            }
        }
    }
}
