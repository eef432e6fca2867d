public import MIMEDir

/// A vCard 3.0 or 4.0 (RFC 2426, RFC 6350) as a typed view over its ``Component``;
/// unknown properties and groups are kept as they are.
public struct VCard: Sendable, Hashable {
    /// The wrapped VCARD component.
    public var component: Component

    /// Wraps a VCARD component (RFC 6350 §6.1.1).
    public init(_ component: Component) {
        self.component = component
    }

    /// Parses every VCARD in `bytes` (RFC 6350 §3.3: a stream may hold several).
    public static func parseAll(
        _ bytes: [UInt8],
        options: MIMEDirParser.Options = .forgiving
    ) throws(VCardValidationError) -> [VCard] {
        let roots: [Component]
        do {
            roots = try MIMEDirParser(options: options).parse(bytes)
        } catch {
            throw .unparsable(error)
        }
        if let other = roots.first(where: { !$0.matches("VCARD") }) {
            throw .notVCard(found: other.name, line: other.line)
        }
        return roots.map(VCard.init)
    }

    /// Parses a stream holding exactly one VCARD (RFC 6352 §5.1: one vCard per address object resource).
    public static func parse(
        _ bytes: [UInt8],
        options: MIMEDirParser.Options = .forgiving
    ) throws(VCardValidationError) -> VCard {
        let cards = try parseAll(bytes, options: options)
        guard cards.count == 1 else { throw .multipleCards(line: cards[1].component.line) }
        return cards[0]
    }

    /// Parses a string holding exactly one VCARD (RFC 6352 §5.1).
    public static func parse(_ text: String, options: MIMEDirParser.Options = .forgiving) throws(VCardValidationError)
        -> VCard
    {
        try parse(Array(text.utf8), options: options)
    }

    /// The vCard text, CRLF line ends, folded at 75 octets (RFC 6350 §3.2).
    public func serialized() -> [UInt8] {
        MIMEDirSerializer().serialize(component)
    }

    /// The vCard text as a string (RFC 6350 §3.2).
    public var text: String { String(decoding: serialized(), as: UTF8.self) }

    /// The unescaped TEXT of the first property named `name` (RFC 6350 §3.4).
    public func text(_ name: String) -> String? {
        component.property(name).map { TextEscaping.unescape($0.value) }
    }

    /// VERSION, nil if absent or not 3.0/4.0 (RFC 6350 §6.7.9).
    public var version: VCardVersion? {
        component.property("VERSION").flatMap { VCardVersion(rawValue: $0.value.trimmingSpaces) }
    }
    /// UID (RFC 6350 §6.7.6, RFC 2426 §3.6.7), unescaped.
    public var uid: String? { text("UID") }
    /// FN (RFC 6350 §6.2.1).
    public var formattedName: String? { text("FN") }
    /// N (RFC 6350 §6.2.2).
    public var name: StructuredName? { component.property("N").map { StructuredName(value: $0.value) } }
    /// NICKNAME values (RFC 6350 §6.2.3).
    public var nicknames: [String] { component.properties("NICKNAME").flatMap { TextEscaping.textList($0.value) } }
    /// ORG (RFC 6350 §6.6.4): organization name followed by unit names.
    public var organization: [String]? {
        component.property("ORG").map { TextEscaping.structured($0.value).map { $0.joined(separator: ",") } }
    }
    /// TITLE (RFC 6350 §6.6.1).
    public var title: String? { text("TITLE") }
    /// NOTE (RFC 6350 §6.7.2).
    public var note: String? { text("NOTE") }
    /// CATEGORIES values (RFC 6350 §6.7.1).
    public var categories: [String] { component.properties("CATEGORIES").flatMap { TextEscaping.textList($0.value) } }
    /// EMAIL entries (RFC 6350 §6.4.2).
    public var emails: [TypedEntry] { component.properties("EMAIL").map { TypedEntry(property: $0) } }
    /// TEL entries (RFC 6350 §6.4.1); `tel:` URIs keep their scheme in ``TypedEntry/value``.
    public var telephones: [TypedEntry] { component.properties("TEL").map { TypedEntry(property: $0) } }
    /// URL entries (RFC 6350 §6.7.8).
    public var urls: [TypedEntry] { component.properties("URL").map { TypedEntry(property: $0) } }
    /// ADR entries (RFC 6350 §6.3.1).
    public var addresses: [PostalAddress] { component.properties("ADR").map(PostalAddress.init(property:)) }
    /// PHOTO (RFC 6350 §6.2.4, RFC 2426 §3.1.4): inline data or a URI.
    public var photo: VCardMedia? { component.property("PHOTO").flatMap(VCardMedia.init(property:)) }
    /// LOGO (RFC 6350 §6.6.3, RFC 2426 §3.5.3).
    public var logo: VCardMedia? { component.property("LOGO").flatMap(VCardMedia.init(property:)) }
    /// REV as written (RFC 6350 §6.7.4).
    public var revision: String? { component.property("REV")?.value }
    /// BDAY as written (RFC 6350 §6.2.5).
    public var birthday: String? { component.property("BDAY")?.value }
    /// KIND, lower-cased: from KIND (RFC 6350 §6.1.4) or Apple's X-ADDRESSBOOKSERVER-KIND; default `individual`.
    public var kind: String {
        let property = component.property("KIND") ?? component.property("X-ADDRESSBOOKSERVER-KIND")
        return property.map { $0.value.trimmingSpaces.lowercased() } ?? "individual"
    }
    /// Whether this card is a group (RFC 6350 §6.1.4 `KIND:group`, or the Apple equivalent).
    public var isGroup: Bool { kind == "group" }
    /// MEMBER URIs (RFC 6350 §6.6.5), including Apple's X-ADDRESSBOOKSERVER-MEMBER.
    public var members: [String] {
        component.properties.filter { $0.matches("MEMBER") || $0.matches("X-ADDRESSBOOKSERVER-MEMBER") }.map(\.value)
    }
}
