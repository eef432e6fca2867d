import Foundation
import MIMEDir
import Testing

/// Files under `Tests/Fixtures/roundtrip`, written exactly as they must come back out.
enum RoundTripFixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/roundtrip")

    static let names: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
        .filter { $0.hasSuffix(".ics") || $0.hasSuffix(".vcf") }.sorted()

    static func load(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: directory.appendingPathComponent(name)))
    }
}

@Suite("Parameter spelling round trip")
struct ParameterSpellingTests {
    @Test("The round-trip fixtures are present")
    func fixturesArePresent() {
        #expect(RoundTripFixtures.names.count >= 2)
    }

    @Test(
        "RFC 5545 §3.2: an unchanged model is written back byte for byte, quoting and caret escapes included",
        arguments: RoundTripFixtures.names
    )
    func unchangedFilesRoundTripByteForByte(name: String) throws {
        let bytes = try RoundTripFixtures.load(name)
        let parsed = try MIMEDirParser().parse(bytes)
        let written = MIMEDirSerializer().serialize(parsed)
        #expect(String(decoding: written, as: UTF8.self) == String(decoding: bytes, as: UTF8.self))
    }

    @Test("Quotes that were not needed are kept: TZID=\"W. Europe Standard Time\"")
    func keepsUnneededQuotes() throws {
        let text = "DTSTART;TZID=\"W. Europe Standard Time\":20240410T140000"
        let property = try MIMEDirParser().parseContentLine(Array(text.utf8))
        #expect(property.parameterValue("TZID") == "W. Europe Standard Time")
        #expect(property.parameters[0].originalText == "\"W. Europe Standard Time\"")
        #expect(written(property) == text)
    }

    @Test("Values that needed their quotes are canonical already and store no spelling: CN=\"Doe, John\"")
    func neededQuotesStoreNoSpelling() throws {
        let property = try MIMEDirParser().parseContentLine(Array("A;CN=\"Doe, John\";X=\"q;v\":x".utf8))
        #expect(property.parameters.allSatisfy { $0.originalText == nil })
        #expect(written(property) == "A;CN=\"Doe, John\";X=\"q;v\":x")
    }

    @Test("RFC 6868 §3: a caret that escapes nothing comes back as written, not doubled")
    func keepsNonEscapingCaret() throws {
        let property = try MIMEDirParser().parseContentLine(Array("A;X=a^b;Y=\"^N\";Z=c^^d^n:x".utf8))
        #expect(property.parameterValue("X") == "a^b")
        #expect(property.parameter("Z")?.originalText == nil)
        #expect(written(property) == "A;X=a^b;Y=\"^N\";Z=c^^d^n:x")
    }

    @Test("A changed value is written in the canonical form, not with the old spelling")
    func changedValueIsCanonical() throws {
        var property = try MIMEDirParser().parseContentLine(Array("A;TZID=\"Europe/Berlin\";X=\"y\":x".utf8))
        property.setParameter("TZID", values: ["Europe/Paris"])
        property.parameters[1].values = ["a,b"]
        #expect(written(property) == "A;TZID=Europe/Paris;X=\"a,b\":x")
        property.parameters[1].values = ["y"]
        #expect(written(property) == "A;TZID=Europe/Paris;X=\"y\":x")
    }

    @Test("Equality ignores the spelling: a quoted and an unquoted value are the same parameter")
    func equalityIgnoresSpelling() throws {
        let quoted = try MIMEDirParser().parseContentLine(Array("A;TZID=\"Europe/Berlin\":x".utf8))
        let plain = try MIMEDirParser().parseContentLine(Array("A;TZID=Europe/Berlin:x".utf8))
        #expect(quoted == plain)
        #expect(quoted.hashValue == plain.hashValue)
    }

    @Test("Forgiving mode: a stray DQUOTE inside an unquoted value is not legal output, so it is re-encoded")
    func illegalSpellingIsNotKept() throws {
        let property = try MIMEDirParser().parseContentLine(Array("A;X=a\"b:x".utf8))
        #expect(property.parameters[0].originalText == nil)
        #expect(written(property) == "A;X=a^'b:x")
    }

    private func written(_ property: Property) -> String {
        var output: [UInt8] = []
        MIMEDirSerializer().write(property, into: &output)
        return String(decoding: output.dropLast(2), as: UTF8.self)
    }
}
