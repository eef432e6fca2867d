public import MIMEDir

/// A value with TYPE and preference parameters, e.g. EMAIL or TEL (RFC 6350 §5.6, §5.3; RFC 2426 §3.3).
public struct TypedEntry: Sendable, Hashable {
    /// The value as written, unescaped for text values.
    public var value: String
    /// TYPE values, lower-cased, without `pref` (v3 bare parameters such as `;WORK` count as types).
    public var types: [String]
    /// The preference 1 (most) – 100 (RFC 6350 §5.3); v3 `TYPE=pref` maps to 1.
    public var preference: Int?
    /// The group, e.g. `item1` (RFC 6350 §3.3).
    public var group: String?

    /// Reads an entry from a property (RFC 6350 §5.6).
    public init(property: Property) {
        value = TextEscaping.unescape(property.value)
        group = property.group
        var types: [String] = []
        var preference: Int?
        for parameter in property.parameters {
            if parameter.matches("TYPE") {
                for type in parameter.values.flatMap({ $0.split(separator: ",") }) {
                    let lower = type.lowercased()
                    if lower == "pref" { preference = 1 } else { types.append(lower) }
                }
            } else if parameter.matches("PREF") {
                preference = Int(parameter.value)
            } else if parameter.values.isEmpty {
                let lower = parameter.name.lowercased()
                if lower == "pref" { preference = 1 } else { types.append(lower) }
            }
        }
        self.types = types
        self.preference = preference
    }
}
