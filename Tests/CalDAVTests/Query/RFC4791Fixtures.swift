import DAVXML
import Foundation
import ICalendarFormat

/// Loads the RFC 4791 examples under `Tests/Fixtures/rfc4791` (found through `#filePath`, no SwiftPM resources):
/// the Appendix B calendar objects `B-abcdN.ics` and, per example section, `<section>-request.xml` and
/// `<section>-matches.txt` (the resource names the RFC's response lists, one per line).
enum RFC4791Fixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures").appendingPathComponent("rfc4791")

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: root.appendingPathComponent(name)))
    }

    static func text(_ name: String) throws -> String {
        String(decoding: try bytes(name), as: UTF8.self)
    }

    /// The Appendix B resources by name (`abcd1.ics` … `abcd8.ics`), as stored bytes.
    static func appendixB() throws -> [(name: String, bytes: [UInt8])] {
        try (1...8).map { ("abcd\($0).ics", try bytes("B-abcd\($0).ics")) }
    }

    static func calendar(_ name: String) throws -> VCalendar {
        try VCalendar.parse(try bytes("B-" + name))
    }

    static func request(_ section: String) throws -> XMLTree {
        try XMLReader().parse(try bytes("\(section)-request.xml"))
    }

    static func expectedMatches(_ section: String) throws -> [String] {
        try text("\(section)-matches.txt").split(separator: "\n").map(String.init)
    }

    /// The example calendar-query sections of RFC 4791 §7.8.
    static let querySections = (1...9).map { "7.8.\($0)" }
}
