import MIMEDir
import Testing

@Suite("MIMEDir serializer")
struct MIMEDirSerializerTests {
    @Test("RFC 5545 §3.1: lines are folded at 75 octets with CRLF + space")
    func foldsAt75Octets() {
        let component = Component(
            name: "X",
            properties: [Property(name: "DESCRIPTION", value: String(repeating: "a", count: 200))]
        )
        let text = MIMEDirSerializer().string([component])
        let lines = text.split(separator: "\r\n", omittingEmptySubsequences: true)
        #expect(lines.allSatisfy { $0.utf8.count <= 75 })
        #expect(lines[2].hasPrefix(" "))
        #expect(text.hasSuffix("END:X\r\n"))
    }

    @Test("RFC 5545 §3.1: folding never splits a UTF-8 sequence")
    func foldsOnCharacterBoundaries() throws {
        let value = String(repeating: "ü€😀", count: 40)
        let component = Component(name: "X", properties: [Property(name: "SUMMARY", value: value)])
        let bytes = MIMEDirSerializer().serialize(component)
        var lineStart = 0
        for index in bytes.indices where bytes[index] == 0x0A {
            let line = bytes[lineStart..<(index - 1)]
            #expect(line.count <= 75)
            #expect(String(validating: line, as: UTF8.self) != nil)
            lineStart = index + 1
        }
        let reparsed = try MIMEDirParser(options: .strict).parse(bytes)
        #expect(reparsed[0].property("SUMMARY")?.value == value)
    }

    @Test("RFC 6868 / RFC 5545 §3.2: parameter values are caret-encoded and quoted when needed")
    func encodesParameters() throws {
        let property = Property(
            group: "item1",
            name: "X-A",
            parameters: [
                Parameter(name: "CN", values: ["Doe, J", "a\"b\nc^"]), Parameter(name: "X-FLAG", values: []),
            ],
            value: "v"
        )
        var output: [UInt8] = []
        MIMEDirSerializer().write(property, into: &output)
        #expect(String(decoding: output, as: UTF8.self) == "item1.X-A;CN=\"Doe, J\",a^'b^nc^^;X-FLAG:v\r\n")
        let reparsed = try MIMEDirParser().parseContentLine(Array(output.dropLast(2)))
        #expect(reparsed == property)
    }

    @Test("Parse → serialize → parse keeps unknown content byte for byte")
    func roundTripsUnknownContent() throws {
        let text =
            "BEGIN:X-THING\r\nX-WEIRD;X-P=a,b;Q=\"c:d\":raw\\,value;with:stuff\r\nBEGIN:X-SUB\r\nA:1\r\nEND:X-SUB\r\nEND:X-THING\r\n"
        let parsed = try MIMEDirParser(options: .strict).parse(text)
        let output = MIMEDirSerializer().string(parsed)
        #expect(output == text)
    }
}

@Suite("TEXT escaping")
struct TextEscapingTests {
    @Test("RFC 5545 §3.3.11: escapes backslash, semicolon, comma and newline")
    func escapes() {
        #expect(TextEscaping.escape("a\\b;c,d\ne") == "a\\\\b\\;c\\,d\\ne")
        #expect(TextEscaping.unescape("a\\\\b\\;c\\,d\\ne\\Nf") == "a\\b;c,d\ne\nf")
    }

    @Test("RFC 6350 §3.4: structured values split on unescaped separators")
    func splitsStructured() {
        #expect(TextEscaping.structured("Doe;John;Q.,R.;Dr\\;;") == [["Doe"], ["John"], ["Q.", "R."], ["Dr;"], [""]])
        #expect(
            TextEscaping.joinStructured([["Doe"], ["John"], ["Q.", "R."], ["Dr;"], [""]]) == "Doe;John;Q.,R.;Dr\\;;"
        )
    }

    @Test("RFC 4648 §4: base64 round-trips and tolerates whitespace")
    func base64() {
        let bytes: [UInt8] = Array(0...255)
        #expect(Base64.decode(Base64.encode(bytes)) == bytes)
        #expect(Base64.encode(Array("ab".utf8)) == "YWI=")
        #expect(Base64.decode("YW\r\n I=") == Array("ab".utf8))
        #expect(Base64.decode("Y*") == nil)
    }

    @Test("RFC 4791 §9.6: selection keeps only the requested components and properties")
    func selects() {
        let event = Component(
            name: "VEVENT",
            properties: [
                Property(name: "UID", value: "1"), Property(name: "SUMMARY", value: "s"),
                Property(name: "DESCRIPTION", value: "d"),
            ],
            components: [Component(name: "VALARM")]
        )
        let calendar = Component(
            name: "VCALENDAR",
            properties: [Property(name: "VERSION", value: "2.0")],
            components: [event, Component(name: "VTIMEZONE")]
        )
        let selection = ComponentSelection(
            name: "VCALENDAR",
            properties: .all,
            components: .named([
                ComponentSelection(
                    name: "VEVENT",
                    properties: .named([
                        PropertySelection(name: "uid"), PropertySelection(name: "DESCRIPTION", noValue: true),
                    ]),
                    components: .named([])
                )
            ])
        )
        let result = calendar.selecting(selection)
        #expect(result.components.count == 1)
        #expect(result.components[0].properties.map(\.name) == ["UID", "DESCRIPTION"])
        #expect(result.components[0].properties[1].value == "")
        #expect(result.components[0].components.isEmpty)
    }
}

@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    @Test("Fuzz: a bare CR inside a parameter value survives a forgiving round trip and fails strict parsing")
    func carriageReturnInParameterValue() throws {
        let text = "BEGIN:X\r\nATTENDEE;PARTSTAT=NEEDS\rACTION:mailto:a@b\r\nEND:X\r\n"
        let parsed = try MIMEDirParser().parse(text)
        #expect(try MIMEDirParser().parse(MIMEDirSerializer().serialize(parsed)) == parsed)
        #expect(throws: MIMEDirError.controlCharacter(line: 2)) { try MIMEDirParser(options: .strict).parse(text) }
    }
}

@Suite("Extended ISO 8601 for jCal/jCard")
struct ExtendedDateFormatTests {
    @Test("RFC 7265 §3.3 / RFC 7095 §3.5: basic dates, times, offsets become extended")
    func converts() {
        #expect(ExtendedDateFormat.convert("19970714") == "1997-07-14")
        #expect(ExtendedDateFormat.convert("19970714T133000Z") == "1997-07-14T13:30:00Z")
        #expect(ExtendedDateFormat.convert("20090808T1430-0500") == "2009-08-08T14:30:00-05:00")
        #expect(ExtendedDateFormat.convert("--0412") == "--04-12")
        #expect(ExtendedDateFormat.convert("+0100") == "+01:00")
        #expect(ExtendedDateFormat.convert("-053000") == "-05:30:00")
        #expect(ExtendedDateFormat.convert("1996-04-15") == "1996-04-15")
        #expect(ExtendedDateFormat.convert("garbage") == "garbage")
    }
}
