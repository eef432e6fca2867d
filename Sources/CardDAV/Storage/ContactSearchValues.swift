public import DAVCore
import MIMEDir
public import VCardFormat

/// The values an address object is searched by (RFC 6352 §10.5.4): every property of the card, by its name
/// upper-cased without group, with its value as a `text-match` reads it (TEXT escapes resolved, as
/// ``AddressBookFilter/PropertyFilter/matches(_:)-(Property)`` does) under the `i;unicode-casemap` key
/// (RFC 5051 §2). Computed at PUT and kept by the store beside the card, so an `addressbook-query` finds its
/// candidates in these values (see ``ContactSearchCondition``).
///
/// A value whose key is longer than ``maxValueBytes`` (a PHOTO, a long NOTE) is kept empty, which every search
/// treats as a candidate.
public enum ContactSearchValues {
    /// The longest folded value kept, in bytes.
    public static let maxValueBytes = 512

    /// The search values of `card`, each distinct pair once.
    public static func of(_ card: VCard) -> [ObjectSearchValue] {
        var seen: Set<ObjectSearchValue> = []
        var values: [ObjectSearchValue] = []
        for property in card.component.properties {
            let key = Collation.unicodeCasemap.key(TextEscaping.unescape(property.value))
            let value = ObjectSearchValue(
                name: indexName(property.name),
                value: key.count > maxValueBytes ? "" : String(decoding: key, as: UTF8.self)
            )
            if seen.insert(value).inserted { values.append(value) }
        }
        return values
    }

    /// The search values of a stored card; nil when `bytes` are not one vCard.
    public static func of(_ bytes: [UInt8]) -> [ObjectSearchValue]? {
        (try? VCard.parse(bytes)).map(of)
    }

    /// The name a property or `prop-filter` name (RFC 6352 §10.5.1) is indexed under: without group, ASCII
    /// upper-cased, since names compare without case.
    static func indexName(_ name: some StringProtocol) -> String {
        let bare = name.firstIndex(of: ".").map { name[name.index(after: $0)...] } ?? name[...]
        return String(decoding: bare.utf8.map { $0 &- 0x61 < 26 ? $0 - 0x20 : $0 }, as: UTF8.self)
    }
}
