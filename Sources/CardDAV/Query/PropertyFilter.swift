public import MIMEDir
public import VCardFormat

extension AddressBookFilter {
    /// RFC 6352 §10.5.1 — CARDDAV:prop-filter: a test on one vCard property, e.g. `EMAIL`.
    ///
    /// A card matches when some instance of the property exists and satisfies the text matches and parameter
    /// filters (combined by ``test``; an empty filter only asks for existence), or, with ``isNotDefined``, when no
    /// instance exists. The tests are applied to one instance at a time, so `TYPE=work` and a text match on an
    /// `allof` filter must hold for the same EMAIL.
    ///
    /// Names compare without case. A name without a group matches the property in any group ("a name set to
    /// TEL will match TEL, X-ABC.TEL"); a name with a group matches that group only.
    public struct PropertyFilter: Sendable, Hashable {
        /// The property name, optionally prefixed with a group (`X-ABC.TEL`).
        public var name: String
        /// How text matches and parameter filters combine (default `anyof`).
        public var test: Test
        /// `is-not-defined`: the filter matches cards without the property.
        public var isNotDefined: Bool
        /// The `text-match` children, tested against the property value.
        public var textMatches: [TextMatch]
        /// The `param-filter` children.
        public var parameterFilters: [ParameterFilter]

        /// Creates a property filter (RFC 6352 §10.5.1).
        public init(
            name: String,
            test: Test = .anyOf,
            isNotDefined: Bool = false,
            textMatches: [TextMatch] = [],
            parameterFilters: [ParameterFilter] = []
        ) {
            self.name = name
            self.test = test
            self.isNotDefined = isNotDefined
            self.textMatches = textMatches
            self.parameterFilters = parameterFilters
        }

        /// Whether `card` matches this filter (RFC 6352 §10.5.1).
        public func matches(_ card: VCard) -> Bool {
            let instances = card.component.properties.lazy.filter(selects)
            if isNotDefined { return instances.isEmpty }
            return instances.contains(where: matches)
        }

        /// Whether one property instance passes the text matches and parameter filters.
        ///
        /// Text matches compare against the value with TEXT escapes resolved; structured values such as N and
        /// ADR keep their `;` separators, so `contains` finds any component.
        public func matches(_ property: Property) -> Bool {
            guard !textMatches.isEmpty || !parameterFilters.isEmpty else { return true }
            let value = TextEscaping.unescape(property.value)
            switch test {
            case .anyOf:
                return textMatches.contains { $0.matches(value) } || parameterFilters.contains { $0.matches(property) }
            case .allOf:
                return textMatches.allSatisfy { $0.matches(value) }
                    && parameterFilters.allSatisfy { $0.matches(property) }
            }
        }

        /// Whether `property` has this filter's name (and group, when the name carries one).
        public func selects(_ property: Property) -> Bool {
            guard let dot = name.utf8.firstIndex(of: UInt8(ascii: ".")) else { return property.matches(name) }
            guard let group = property.group else { return false }
            return NameComparison.equal(group, String(name[..<dot]))
                && property.matches(String(name[name.index(after: dot)...]))
        }
    }
}
