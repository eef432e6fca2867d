import MIMEDir

/// Converts vCards between 3.0 and 4.0 for CardDAV content negotiation (RFC 6352 §5.1.1, RFC 6350 Appendix A).
///
/// Handles VERSION, TYPE/PREF parameters, v3 bare type parameters, PHOTO/LOGO/SOUND/KEY inline encodings
/// (`ENCODING=b` ⇄ `data:` URIs), `VALUE=uri` TEL, and Apple's group properties ⇄ KIND/MEMBER.
/// Everything else, including unknown properties and groups, is copied unchanged.
public enum VCardConverter {
    private static let mediaProperties = ["PHOTO", "LOGO", "SOUND", "KEY"]

    /// The card converted to `version`; a card already at that version is returned unchanged.
    public static func convert(_ card: VCard, to version: VCardVersion) -> VCard {
        guard card.version != version else { return card }
        var component = card.component
        component.properties = component.properties.compactMap { property in
            if property.matches("VERSION") {
                return Property(
                    group: property.group,
                    name: property.name,
                    value: version.rawValue,
                    line: property.line
                )
            }
            switch version {
            case .v4: return toVersion4(property)
            case .v3: return toVersion3(property)
            }
        }
        if version == .v3 && component.property("N") == nil {
            let insertAt = (component.properties.firstIndex { $0.matches("FN") } ?? 0) + 1
            component.properties.insert(
                Property(name: "N", value: ";;;;"),
                at: min(insertAt, component.properties.count)
            )
        }
        if component.property("VERSION") == nil {
            component.properties.insert(Property(name: "VERSION", value: version.rawValue), at: 0)
        }
        return VCard(component)
    }

    private static func toVersion4(_ original: Property) -> Property? {
        var property = original
        if property.matches("X-ADDRESSBOOKSERVER-KIND") {
            property.name = "KIND"
            property.value = property.value.lowercased()
        } else if property.matches("X-ADDRESSBOOKSERVER-MEMBER") {
            property.name = "MEMBER"
        }
        if mediaProperties.contains(where: property.matches) { return mediaToVersion4(property) }
        property.parameters = typeParametersToVersion4(property)
        return property
    }

    private static func typeParametersToVersion4(_ property: Property) -> [Parameter] {
        var types: [String] = []
        var preference: String?
        var others: [Parameter] = []
        for parameter in property.parameters {
            if parameter.matches("TYPE") || parameter.values.isEmpty {
                let values = parameter.values.isEmpty ? [parameter.name] : parameter.values
                for value in values.flatMap({ $0.split(separator: ",").map(String.init) }) {
                    let lower = value.lowercased()
                    if lower == "pref" {
                        preference = "1"
                    } else if !(lower == "internet" && property.matches("EMAIL")) && !types.contains(lower) {
                        types.append(lower)
                    }
                }
            } else {
                others.append(parameter)
            }
        }
        var result = others
        if !types.isEmpty { result.append(Parameter(name: "TYPE", values: types)) }
        if let preference { result.append(Parameter(name: "PREF", value: preference)) }
        return result
    }

    private static func mediaToVersion4(_ original: Property) -> Property {
        var property = original
        let encoding = property.parameterValue("ENCODING")
        let isInline = encoding.map { NameComparison.equal($0, "b") || NameComparison.equal($0, "BASE64") } ?? false
        if isInline {
            let subtype = property.parameterValue("TYPE")?.lowercased() ?? "jpeg"
            let kind = property.matches("SOUND") ? "audio" : property.matches("KEY") ? "application" : "image"
            let mediaType = subtype.contains("/") ? subtype : "\(kind)/\(subtype)"
            let payload = String(property.value.filter { !$0.isWhitespace })
            property.value = "data:\(mediaType);base64,\(payload)"
            property.parameters.removeAll { $0.matches("ENCODING") || $0.matches("TYPE") || $0.matches("VALUE") }
        } else {
            property.parameters.removeAll { $0.matches("VALUE") || $0.matches("TYPE") }
        }
        return property
    }

    private static func toVersion3(_ original: Property) -> Property? {
        var property = original
        if property.matches("KIND") {
            property.name = "X-ADDRESSBOOKSERVER-KIND"
        } else if property.matches("MEMBER") {
            property.name = "X-ADDRESSBOOKSERVER-MEMBER"
        }
        if mediaProperties.contains(where: property.matches) { return mediaToVersion3(property) }
        if property.matches("TEL"), let value = property.parameterValue("VALUE"), NameComparison.equal(value, "uri") {
            property.parameters.removeAll { $0.matches("VALUE") }
            if property.value.lowercased().hasPrefix("tel:") { property.value = String(property.value.dropFirst(4)) }
        }
        var types: [String] = []
        var others: [Parameter] = []
        for parameter in property.parameters {
            if parameter.matches("TYPE") {
                types.append(contentsOf: parameter.values.flatMap { $0.split(separator: ",").map { $0.uppercased() } })
            } else if parameter.matches("PREF") {
                if !types.contains("PREF") { types.append("PREF") }
            } else {
                others.append(parameter)
            }
        }
        if property.matches("EMAIL") && !types.contains("INTERNET") { types.insert("INTERNET", at: 0) }
        property.parameters = others + (types.isEmpty ? [] : [Parameter(name: "TYPE", values: types)])
        return property
    }

    private static func mediaToVersion3(_ original: Property) -> Property {
        var property = original
        guard case .inline(let data, let mediaType)? = VCardMedia(property: property) else {
            property.parameters.removeAll { $0.matches("MEDIATYPE") || $0.matches("VALUE") }
            property.parameters.append(Parameter(name: "VALUE", value: "uri"))
            return property
        }
        let subtype = mediaType.flatMap { $0.split(separator: "/").last }.map { $0.uppercased() } ?? "JPEG"
        property.parameters.removeAll { $0.matches("MEDIATYPE") || $0.matches("VALUE") || $0.matches("ENCODING") }
        property.parameters.append(Parameter(name: "ENCODING", value: "b"))
        if !property.parameters.contains(where: { $0.matches("TYPE") }) {
            property.parameters.append(Parameter(name: "TYPE", value: subtype))
        }
        property.value = Base64.encode(data)
        return property
    }
}
