import MIMEDir

/// Writes vCards as xCard (RFC 6351) in the `urn:ietf:params:xml:ns:vcard-4.0` namespace.
///
/// Cards are converted to vCard 4.0 first (RFC 6351 §1: xCard is the XML form of RFC 6350). Property and
/// parameter names become lower-case elements, each value is wrapped in an element named for its value type
/// (§3.3: `text`, `uri`, `date`, `date-time`, `time`, `timestamp`, `language-tag`, `integer`, `unknown`, …),
/// structured values (N, ADR, GENDER, CLIENTPIDMAP) get one element per component, consecutive properties of
/// one group share a `<group name="…">` element, and VERSION is left out: the namespace says 4.0.
public enum XCardWriter {
    /// The xCard namespace (RFC 6351 §3).
    public static let namespace = "urn:ietf:params:xml:ns:vcard-4.0"

    /// The media type of xCard documents (RFC 6351 §9).
    public static let mediaType = "application/vcard+xml"

    private static let defaultTypes: [String: String] = [
        "SOURCE": "uri", "PHOTO": "uri", "IMPP": "uri", "GEO": "uri", "LOGO": "uri", "MEMBER": "uri",
        "RELATED": "uri", "SOUND": "uri", "URL": "uri", "KEY": "uri", "FBURL": "uri", "CALADRURI": "uri",
        "CALURI": "uri", "UID": "uri", "BDAY": "date-and-or-time", "ANNIVERSARY": "date-and-or-time",
        "REV": "timestamp", "LANG": "language-tag",
    ]
    private static let components: [String: [String]] = [
        "N": ["surname", "given", "additional", "prefix", "suffix"],
        "ADR": ["pobox", "ext", "street", "locality", "region", "code", "country"],
        "GENDER": ["sex", "identity"],
        "CLIENTPIDMAP": ["sourceid", "uri"],
    ]
    private static let lists: Set<String> = ["NICKNAME", "CATEGORIES", "ORG"]
    private static let parameterTypes: [String: String] = [
        "PREF": "integer", "LANGUAGE": "language-tag", "GEO": "uri",
    ]

    /// The xCard document for one card, with XML declaration (RFC 6351 §3).
    public static func write(_ card: VCard) -> String {
        write([card])
    }

    /// The xCard document for several cards in one `<vcards>` element (RFC 6351 §3).
    public static func write(_ cards: [VCard]) -> String {
        var output = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<vcards xmlns=\"\(namespace)\">"
        for card in cards { write(card, into: &output) }
        output += "</vcards>\n"
        return output
    }

    private static func write(_ card: VCard, into output: inout String) {
        output += "<vcard>"
        var openGroup: String?
        for property in VCardConverter.convert(card, to: .v4).component.properties where !property.matches("VERSION") {
            if property.group != openGroup {
                if openGroup != nil { output += "</group>" }
                if let group = property.group { output += "<group name=\"\(XMLText.escape(group))\">" }
                openGroup = property.group
            }
            write(property, into: &output)
        }
        if openGroup != nil { output += "</group>" }
        output += "</vcard>"
    }

    private static func write(_ property: Property, into output: inout String) {
        let name = property.name.uppercased()
        let element = XMLText.escape(property.name.lowercased())
        output += "<\(element)>"
        writeParameters(of: property, into: &output)
        if let names = components[name] {
            let fields = TextEscaping.structured(property.value)
            for (index, componentName) in names.enumerated() {
                let values = index < fields.count ? fields[index].filter { !$0.isEmpty } : []
                if values.isEmpty {
                    if name != "GENDER" || index == 0 { output += "<\(componentName)/>" }
                } else {
                    for value in values { output += "<\(componentName)>\(XMLText.escape(value))</\(componentName)>" }
                }
            }
        } else if lists.contains(name) {
            let values =
                name == "ORG"
                ? TextEscaping.structured(property.value).map { $0.joined(separator: ",") }
                : TextEscaping.textList(property.value)
            for value in values { output += "<text>\(XMLText.escape(value))</text>" }
        } else {
            let type = valueType(of: property, name: name)
            let text =
                switch type {
                case "text", "unknown": TextEscaping.unescape(property.value)
                case "date", "date-time", "time", "timestamp": basicFormat(property.value)
                default: property.value
                }
            output += "<\(type)>\(XMLText.escape(text))</\(type)>"
        }
        output += "</\(element)>"
    }

    private static func writeParameters(of property: Property, into output: inout String) {
        let parameters = property.parameters.filter { !$0.matches("VALUE") && !$0.values.isEmpty }
        guard !parameters.isEmpty else { return }
        output += "<parameters>"
        for parameter in parameters {
            let name = parameter.name.uppercased()
            let element = XMLText.escape(parameter.name.lowercased())
            let type = parameterTypes[name] ?? "text"
            let values =
                name == "TYPE"
                ? parameter.values.flatMap { $0.split(separator: ",").map(String.init) } : parameter.values
            output += "<\(element)>"
            for value in values { output += "<\(type)>\(XMLText.escape(value))</\(type)>" }
            output += "</\(element)>"
        }
        output += "</parameters>"
    }

    /// A date or time in the basic format xCard requires (RFC 6351 §3.3, RFC 6350 §4.3): vCard 3.0 cards
    /// often carry ISO 8601 extended values (`2024-04-01T10:12:00Z`), which become `20240401T101200Z`.
    /// Truncated forms such as `--0203` are left alone.
    private static func basicFormat(_ value: String) -> String {
        let bytes = Array(value.utf8)
        let extendedDate = bytes.count >= 10 && bytes[0..<4].allSatisfy { $0 >= 0x30 && $0 <= 0x39 } && bytes[4] == 0x2D
        guard extendedDate || bytes.contains(0x3A) else { return value }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        for (index, byte) in bytes.enumerated() where byte != 0x3A {
            if extendedDate && (index == 4 || index == 7) && byte == 0x2D { continue }
            result.append(byte)
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// The value element name: VALUE if given, else the RFC 6350 default; DATE-AND-OR-TIME picks the
    /// alternative the value is written in (RFC 6351 §3.3 `value-date-and-or-time`).
    private static func valueType(of property: Property, name: String) -> String {
        let explicit = property.parameterValue("VALUE")?.lowercased()
        var type = explicit ?? defaultTypes[name] ?? (name.hasPrefix("X-") ? "unknown" : "text")
        if name == "UID" && explicit == nil && !property.value.contains(":") { type = "text" }
        guard type == "date-and-or-time" else { return type }
        if property.value.hasPrefix("T") { return "time" }
        return property.value.contains("T") ? "date-time" : "date"
    }
}
