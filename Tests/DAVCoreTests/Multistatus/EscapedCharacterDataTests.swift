import DAVXML
import Testing

@testable import DAVCore

@Suite("EscapedCharacterData: stored bytes as XML character data (XML 1.0 §2.4, §2.11)")
struct EscapedCharacterDataTests {
    /// What `XMLWriter` writes for the same bytes decoded into a `String`.
    static func reference(_ bytes: [UInt8]) -> [UInt8] {
        Array(XMLWriter.escapeText(String(decoding: bytes, as: UTF8.self)).utf8)
    }

    static func escaped(_ bytes: [UInt8]) -> [UInt8] {
        var scratch: [UInt8] = []
        return escaped(bytes, scratch: &scratch)
    }

    static func escaped(_ bytes: [UInt8], scratch: inout [UInt8]) -> [UInt8] {
        var output = Array("prefix".utf8)
        EscapedCharacterData.append(bytes, to: &output, scratch: &scratch)
        return Array(output.dropFirst(6))
    }

    @Test("escapes <, &, > (so ]]> too) and CR, and leaves LF, TAB and quotes alone")
    func escapesMarkupCharacters() {
        let text = "BEGIN:VEVENT\r\nSUMMARY:a <b> & c ]]> \"d\" 'e'\tf\r\nEND:VEVENT\r\n"
        #expect(
            String(decoding: Self.escaped(Array(text.utf8)), as: UTF8.self)
                == "BEGIN:VEVENT&#13;\nSUMMARY:a &lt;b&gt; &amp; c ]]&gt; \"d\" 'e'\tf&#13;\nEND:VEVENT&#13;\n"
        )
    }

    @Test("keeps non-ASCII text byte for byte, in every position of the eight-byte words")
    func keepsNonASCII() {
        for padding in 0..<9 {
            let text = String(repeating: "x", count: padding) + "caf\u{E9} \u{65E5}\u{672C} \u{1F600} <\u{10FFFF}>&"
            #expect(Self.escaped(Array(text.utf8)) == Self.reference(Array(text.utf8)))
        }
    }

    @Test(
        "replaces ill-formed UTF-8 as String(decoding:) does",
        arguments: [
            [0xFF], [0xC0, 0x80], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE6, 0x97],
            [0x41, 0xC3], [0x80, 0x3C], [0xF0, 0x9F, 0x98, 0x80, 0xF0, 0x9F, 0x98],
        ] as [[UInt8]]
    )
    func replacesIllFormed(bytes: [UInt8]) {
        let padded = Array("0123456789&<".utf8) + bytes + Array("\r\n".utf8)
        #expect(Self.escaped(bytes) == Self.reference(bytes))
        #expect(Self.escaped(padded) == Self.reference(padded))
    }

    @Test("matches XMLWriter on random bytes, well-formed or not")
    func matchesWriterOnRandomBytes() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = [
            0x41, 0x0D, 0x0A, 0x26, 0x3C, 0x3E, 0x5D, 0x20, 0xC3, 0xA9, 0xE6, 0x97, 0xA5, 0xF0, 0x9F,
        ]
        for _ in 0..<2_000 {
            let count = Int.random(in: 0..<40, using: &generator)
            let bytes = (0..<count).map { _ in
                Bool.random(using: &generator)
                    ? alphabet.randomElement(using: &generator)! : UInt8.random(in: 0...255, using: &generator)
            }
            #expect(Self.escaped(bytes) == Self.reference(bytes))
        }
        for _ in 0..<500 {
            let text = String(
                (0..<Int.random(in: 0..<60)).map { _ in
                    ["a", "\r", "\n", "&", "<", ">", "\u{E9}", "\u{65E5}", "\u{1F600}", " "].randomElement()!
                }.joined()
            )
            #expect(Self.escaped(Array(text.utf8)) == Self.reference(Array(text.utf8)))
        }
    }

    @Test("data with more escapes than the compact buffer has room for is escaped all the same")
    func manyEscapes() {
        for length in 0..<200 {
            for escapedEvery in [1, 2, 3, 4, 5, 7, 16, 26] {
                let bytes: [UInt8] = (0..<length).map {
                    $0 % escapedEvery == 0 ? [0x26, 0x0D, 0x3C, 0x3E][$0 % 4] : 0x41
                }
                #expect(Self.escaped(bytes) == Self.reference(bytes), "length \(length), every \(escapedEvery)")
            }
        }
        let calendarLines = Array(String(repeating: "SUMMARY:Grüße & <b>\r\n", count: 300).utf8)
        #expect(Self.escaped(calendarLines) == Self.reference(calendarLines))
    }

    @Test("one scratch buffer serves values of any size in turn, whatever an earlier value left in it")
    func reusesScratch() {
        let values: [[UInt8]] = [
            Array(String(repeating: "DESCRIPTION:caf\u{E9} & <b>\r\n", count: 120).utf8),
            Array("a&b\r\n".utf8),
            [],
            Array(String(repeating: "&<>\r", count: 500).utf8),
            [0x41, 0xFF, 0x3C],
            Array(String(repeating: "x", count: 5_000).utf8),
            Array("END:VCALENDAR\r\n".utf8),
        ]
        var scratch: [UInt8] = []
        for value in values + values.reversed() {
            #expect(Self.escaped(value, scratch: &scratch) == Self.reference(value))
        }
    }

    @Test("an empty value writes nothing")
    func empty() {
        #expect(Self.escaped([]).isEmpty)
    }
}
