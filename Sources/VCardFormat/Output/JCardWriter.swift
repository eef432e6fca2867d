import MIMEDir

/// Writes a vCard as jCard (RFC 7095): `["vcard", [[name, {params}, type, value…]…]]`.
///
/// The card is converted to vCard 4.0 first (RFC 7095 §3.1); groups become a `group` parameter (§3.3.1.2).
public enum JCardWriter {
    private static let defaultTypes: [String: String] = [
        "SOURCE": "uri", "PHOTO": "uri", "BDAY": "date-and-or-time", "ANNIVERSARY": "date-and-or-time",
        "IMPP": "uri", "LANG": "language-tag", "GEO": "uri", "LOGO": "uri", "MEMBER": "uri", "RELATED": "uri",
        "REV": "timestamp", "SOUND": "uri", "URL": "uri", "KEY": "uri", "FBURL": "uri", "CALADRURI": "uri",
        "CALURI": "uri",
    ]
    private static let structured: Set<String> = ["N", "ADR", "ORG", "GENDER", "CLIENTPIDMAP"]
    private static let lists: Set<String> = ["NICKNAME", "CATEGORIES"]

    /// The jCard JSON text for one card (RFC 7095 §3).
    public static func write(_ card: VCard) -> String {
        var json = JSONTextWriter()
        write(card, into: &json)
        return json.text
    }

    /// The jCard JSON text for several cards, as a JSON array (RFC 7095 §3.2).
    public static func write(_ cards: [VCard]) -> String {
        var json = JSONTextWriter()
        json.beginArray()
        for card in cards { write(card, into: &json) }
        json.endArray()
        return json.text
    }

    private static func write(_ card: VCard, into json: inout JSONTextWriter) {
        let converted = VCardConverter.convert(card, to: .v4)
        json.beginArray()
        json.string("vcard")
        json.beginArray()
        for property in converted.component.properties { write(property, into: &json) }
        json.endArray()
        json.endArray()
    }

    private static func write(_ property: Property, into json: inout JSONTextWriter) {
        let name = property.name.uppercased()
        json.beginArray()
        json.string(property.name.lowercased())
        json.beginObject()
        if let group = property.group {
            json.key("group")
            json.string(group.lowercased())
        }
        json.parameterMembers(of: property)
        json.endObject()
        var type = property.parameterValue("VALUE")?.lowercased() ?? defaultTypes[name] ?? "text"
        if name == "UID" && !property.value.contains(":") { type = "text" }
        json.string(
            defaultTypes[name] == nil && name.hasPrefix("X-") && property.parameterValue("VALUE") == nil
                ? "unknown" : type
        )
        if structured.contains(name) {
            json.beginArray()
            for field in TextEscaping.structured(property.value) {
                if field.count == 1 {
                    json.string(field[0])
                } else {
                    json.beginArray()
                    for item in field { json.string(item) }
                    json.endArray()
                }
            }
            json.endArray()
        } else if lists.contains(name) {
            for item in TextEscaping.textList(property.value) { json.string(item) }
        } else if type == "text" || type == "unknown" {
            json.string(TextEscaping.unescape(property.value))
        } else if type.hasPrefix("date") || type == "timestamp" || type == "time" || type == "utc-offset" {
            json.string(ExtendedDateFormat.convert(property.value))
        } else {
            json.string(property.value)
        }
        json.endArray()
    }
}
