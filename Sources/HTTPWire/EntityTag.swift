/// An entity tag (RFC 9110 §8.8.3): an opaque quoted string, optionally weak.
public struct EntityTag: Hashable, Sendable, CustomStringConvertible {
    /// The opaque tag without quotes.
    public var opaqueTag: String
    /// Whether the tag is weak (`W/"…"`).
    public var isWeak: Bool

    /// Creates a tag from its unquoted opaque value.
    public init(_ opaqueTag: String, isWeak: Bool = false) {
        self.opaqueTag = opaqueTag
        self.isWeak = isWeak
    }

    /// The header form, e.g. `"abc"` or `W/"abc"`.
    public var description: String { (isWeak ? "W/" : "") + "\"" + opaqueTag + "\"" }

    /// Strong comparison (RFC 9110 §8.8.3.2): both strong and equal.
    public func strongMatches(_ other: EntityTag) -> Bool {
        !isWeak && !other.isWeak && opaqueTag == other.opaqueTag
    }

    /// Weak comparison: equal opaque tags, weakness ignored.
    public func weakMatches(_ other: EntityTag) -> Bool { opaqueTag == other.opaqueTag }

    /// The members of an `If-Match` / `If-None-Match` field value: nil for `*`, otherwise the tags that parse.
    public static func parseList(_ value: String) -> [EntityTag]? {
        if value.trimmingHTTPWhitespace() == "*" { return nil }
        var tags: [EntityTag] = []
        var rest = Substring(value)
        while true {
            rest = rest.drop { $0 == " " || $0 == "\t" || $0 == "," }
            if rest.isEmpty { break }
            var weak = false
            if rest.hasPrefix("W/") {
                weak = true
                rest = rest.dropFirst(2)
            }
            guard rest.first == "\"", let close = rest.dropFirst().firstIndex(of: "\"") else { break }
            tags.append(EntityTag(String(rest[rest.index(after: rest.startIndex)..<close]), isWeak: weak))
            rest = rest[rest.index(after: close)...]
        }
        return tags
    }
}
