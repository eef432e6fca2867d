import CardDAV
import DAVCore
import DAVXML
import Foundation
import VCardFormat

/// Loads `Tests/Fixtures/rfc6352`, found from this file's path.
enum RFC6352Fixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/rfc6352")

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: root.appendingPathComponent(name)))
    }

    static func xml(_ name: String) throws -> XMLTree {
        try XMLReader().parse(bytes(name))
    }

    static func card(_ name: String) throws -> VCard {
        try VCard.parse(bytes(name))
    }

    /// The stored cards of `/home/bernard/addressbook/`, by file name, in name order.
    static func addressBook() throws -> [(name: String, bytes: [UInt8])] {
        let folder = root.appendingPathComponent("addressbook")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".vcf") }
        return try names.sorted().map { ($0, try bytes("addressbook/" + $0)) }
    }
}
