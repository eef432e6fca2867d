import MIMEDir
import Testing

private func parse(_ text: String, _ options: MIMEDirParser.Options = .forgiving) throws -> [Component] {
    try MIMEDirParser(options: options).parse(text)
}

@Suite("MIMEDir parser")
struct MIMEDirParserTests {
    @Test("RFC 5545 §3.1: unfolds CRLF + space and CRLF + tab")
    func unfoldsCRLF() throws {
        let roots = try parse("BEGIN:X\r\nDESCRIPTION:This is a lo\r\n ng description\r\n\t that exists\r\nEND:X\r\n")
        #expect(roots[0].property("DESCRIPTION")?.value == "This is a long description that exists")
    }

    @Test("RFC 5545 §3.1: unfolds LF + space in forgiving mode")
    func unfoldsLF() throws {
        let roots = try parse("BEGIN:X\nSUMMARY:ab\n cd\nEND:X\n")
        #expect(roots[0].property("SUMMARY")?.value == "abcd")
    }

    @Test("RFC 5545 §3.1: a fold inside a multi-byte UTF-8 sequence is joined before decoding")
    func unfoldsSplitUTF8() throws {
        var bytes = Array("BEGIN:X\r\nSUMMARY:M".utf8)
        bytes += [0xC3, 0x0D, 0x0A, 0x20, 0xBC]
        bytes += Array("ller\r\nEND:X\r\n".utf8)
        let roots = try MIMEDirParser(options: .strict).parse(bytes)
        #expect(roots[0].property("SUMMARY")?.value == "Müller")
    }

    @Test("RFC 6350 §3.3: group prefix is split from the name")
    func parsesGroup() throws {
        let roots = try parse("BEGIN:VCARD\r\nitem1.EMAIL;TYPE=work:a@b.c\r\nEND:VCARD\r\n")
        let email = try #require(roots[0].property("email"))
        #expect(email.group == "item1")
        #expect(email.name == "EMAIL")
        #expect(email.parameterValue("type") == "work")
    }

    @Test("RFC 5545 §3.2: quoted values keep ':' ';' ',' and multiple values are split")
    func parsesQuotedAndMultiValuedParameters() throws {
        let line = "ATTENDEE;MEMBER=\"mailto:a@x.com\",\"mailto:b@x.com\";CN=\"Doe, J; Jr\":mailto:j@x.com"
        let property = try MIMEDirParser().parseContentLine(Array(line.utf8))
        #expect(property.parameter("MEMBER")?.values == ["mailto:a@x.com", "mailto:b@x.com"])
        #expect(property.parameterValue("CN") == "Doe, J; Jr")
        #expect(property.value == "mailto:j@x.com")
    }

    @Test("RFC 6868 §3: caret escapes in parameter values are decoded")
    func decodesCaretEscapes() throws {
        let property = try MIMEDirParser().parseContentLine(Array("X-A;X-P=\"a^nb^'c^^d\":v".utf8))
        #expect(property.parameterValue("X-P") == "a\nb\"c^d")
    }

    @Test("RFC 5545 §3.1: the value may contain ':' and ';' after the first colon")
    func valueKeepsColons() throws {
        let property = try MIMEDirParser().parseContentLine(Array("URL:http://x.org/a;b".utf8))
        #expect(property.value == "http://x.org/a;b")
    }

    @Test("RFC 5545 §2: names are case-insensitive and keep their original case")
    func keepsNameCase() throws {
        let roots = try parse("begin:vcalendar\r\nX-Custom-Prop;x-Param=1:v\r\nend:VCALENDAR\r\n")
        #expect(roots[0].name == "vcalendar")
        #expect(roots[0].property("X-CUSTOM-PROP")?.name == "X-Custom-Prop")
        #expect(roots[0].property("x-custom-prop")?.parameters.first?.name == "x-Param")
    }

    @Test("Forgiving mode accepts a BOM, blank lines and a trailing blank line")
    func forgivingAcceptsBOMAndBlankLines() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("BEGIN:X\r\n\r\nA:1\r\nEND:X\r\n\r\n".utf8)
        let roots = try MIMEDirParser().parse(bytes)
        #expect(roots.count == 1)
        #expect(roots[0].properties.count == 1)
    }

    @Test("Strict mode refuses a bare LF line end")
    func strictRefusesBareLF() {
        #expect(throws: MIMEDirError.bareLineFeed(line: 1)) { try parse("BEGIN:X\nEND:X\n", .strict) }
    }

    @Test("Strict mode refuses invalid UTF-8 and control characters")
    func strictRefusesInvalidBytes() {
        let invalid = Array("BEGIN:X\r\nA:".utf8) + [0xFF] + Array("\r\nEND:X\r\n".utf8)
        #expect(throws: MIMEDirError.invalidUTF8(line: 2)) { try MIMEDirParser(options: .strict).parse(invalid) }
        #expect(throws: MIMEDirError.controlCharacter(line: 2)) {
            try parse("BEGIN:X\r\nA:\u{1}\r\nEND:X\r\n", .strict)
        }
    }

    @Test("RFC 5545 §3.6: END must match the open BEGIN")
    func refusesMismatchedEnd() {
        #expect(throws: MIMEDirError.mismatchedEnd(line: 3, expected: "B", found: "A")) {
            try parse("BEGIN:A\r\nBEGIN:B\r\nEND:A\r\nEND:A\r\n")
        }
        #expect(throws: MIMEDirError.unterminatedComponent(line: 1, name: "A")) { try parse("BEGIN:A\r\nX:1\r\n") }
        #expect(throws: MIMEDirError.unexpectedEnd(line: 1, found: "A")) { try parse("END:A\r\n") }
    }

    @Test("RFC 5545 §3.1: a line without a colon is an error carrying its line number")
    func refusesMissingColon() {
        #expect(throws: MIMEDirError.missingColon(line: 2)) { try parse("BEGIN:A\r\nNOCOLON\r\nEND:A\r\n") }
        #expect(throws: MIMEDirError.unterminatedQuote(line: 2)) { try parse("BEGIN:A\r\nX;P=\"abc:v\r\nEND:A\r\n") }
    }

    @Test("Empty input and input without components are refused")
    func refusesEmptyInput() {
        #expect(throws: MIMEDirError.empty) { try parse("") }
        #expect(throws: MIMEDirError.empty) { try parse("\r\n\r\n") }
    }

    @Test("Nesting deeper than the limit is refused without recursion")
    func limitsDepth() {
        let text = String(repeating: "BEGIN:A\r\n", count: (10 << 20) / 9)
        #expect(throws: MIMEDirError.nestingTooDeep(line: 33, limit: 32)) { try parse(text) }
    }

    @Test("A 10 MiB line and 100k parameters parse in linear time or hit the limit")
    func handlesHugeLines() throws {
        let long = "BEGIN:A\r\nX:" + String(repeating: "a", count: 10 << 20) + "\r\nEND:A\r\n"
        #expect(try parse(long)[0].properties[0].value.utf8.count == 10 << 20)
        let manyParameters = "BEGIN:A\r\nX" + String(repeating: ";P=1", count: 100_000) + ":v\r\nEND:A\r\n"
        #expect(throws: MIMEDirError.tooManyParameters(line: 2, limit: 4096)) { try parse(manyParameters) }
        var options = MIMEDirParser.Options()
        options.maxParameters = 200_000
        #expect(try parse(manyParameters, options)[0].properties[0].parameters.count == 100_000)
    }

    @Test("Multiple top-level components are returned in order")
    func parsesMultipleRoots() throws {
        let roots = try parse("BEGIN:VCARD\r\nFN:a\r\nEND:VCARD\r\nBEGIN:VCARD\r\nFN:b\r\nEND:VCARD\r\n")
        #expect(roots.map { $0.property("FN")?.value } == ["a", "b"])
        #expect(roots[1].line == 4)
        #expect(roots[1].properties[0].line == 5)
    }
}
