public import DAVCore
import MIMEDir
public import VCardFormat

/// The values an address object is searched by (RFC 6352 §10.5.4): every property of the card, by its name
/// upper-cased without group, with its value as a `text-match` reads it (TEXT escapes resolved, as
/// `PropertyFilter.matches(_:)` does) under the `i;unicode-casemap` key
/// (RFC 5051 §2). Computed at PUT and kept by the store beside the card, so an `addressbook-query` finds its
/// candidates in these values (see ``ContactSearchCondition``).
///
/// A value whose key is longer than ``maxValueBytes`` (a long NOTE) is kept empty, which every search treats as a
/// candidate. The properties in ``unindexedNames`` — the same on every card or binary — are left out; a filter on
/// them is not served by the index.
public enum ContactSearchValues {
    /// The longest folded value kept, in bytes.
    public static let maxValueBytes = 512
    /// Properties not indexed (RFC 6350 §6.7.9 VERSION, §6.7.3 PRODID, §6.7.4 REV, and the media of §6.2.4,
    /// §6.6.3, §6.7.5, §6.8.1).
    public static let unindexedNames: Set<String> = ["VERSION", "PRODID", "REV", "PHOTO", "LOGO", "SOUND", "KEY"]

    /// The search values of `card`, in card order.
    public static func of(_ card: VCard) -> [ObjectSearchValue] {
        card.component.properties.compactMap { property in
            let name = indexName(property.name)
            guard !unindexedNames.contains(name) else { return nil }
            let key = CasemapKey.of(TextEscaping.unescape(property.value))
            return ObjectSearchValue(
                name: name,
                value: key.count > maxValueBytes ? "" : String(decoding: key, as: UTF8.self)
            )
        }
    }

    /// The search values of a stored card; nil when `bytes` are not one vCard.
    public static func of(_ bytes: [UInt8]) -> [ObjectSearchValue]? {
        (try? VCard.parse(bytes)).map(of)
    }

    /// The name a property or `prop-filter` name (RFC 6352 §10.5.1) is indexed under: without group, ASCII
    /// upper-cased, since names compare without case. Scans the UTF-8 bytes, not the characters (names are ASCII,
    /// RFC 6350 §3.3).
    static func indexName(_ name: some StringProtocol) -> String {
        let bytes = name.utf8
        let bare = bytes.firstIndex(of: UInt8(ascii: ".")).map { bytes[bytes.index(after: $0)...] } ?? bytes[...]
        return String(decoding: bare.map { $0 &- 0x61 < 26 ? $0 - 0x20 : $0 }, as: UTF8.self)
    }
}
