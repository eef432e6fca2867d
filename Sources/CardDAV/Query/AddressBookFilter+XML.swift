public import DAVCore
public import DAVXML

extension AddressBookFilter {
    /// Decodes a CARDDAV:filter element (RFC 6352 §10.5).
    ///
    /// Throws 403 with `CARDDAV:supported-filter` for elements other than those of §10.5 and for attribute values
    /// outside their enumerations, `CARDDAV:supported-collation` for an unknown collation (§8.3), and
    /// `CARDDAV:valid-filter` for a missing `name` or `is-not-defined` beside other tests. Unknown vCard property
    /// and parameter names are accepted.
    public init(xml element: XMLTree) throws(DAVError) {
        guard element.name == CardDAVElements.filter else {
            throw CardDAVConditions.forbidden(
                CardDAVConditions.validFilter,
                "expected CARDDAV:filter, not \(element.name)"
            )
        }
        let propertyFilters = try element.elements.map { (child) throws(DAVError) in
            guard child.name == CardDAVElements.propFilter else { throw Self.unsupported(child, in: element) }
            return try PropertyFilter(xml: child)
        }
        self.init(test: try Self.test(of: element), propertyFilters: propertyFilters)
    }

    static func test(of element: XMLTree) throws(DAVError) -> Test {
        guard let value = element.unqualifiedAttribute("test") else { return .anyOf }
        guard let test = Test(rawValue: value) else {
            throw CardDAVConditions.forbidden(
                CardDAVConditions.supportedFilter,
                "test=\"\(value)\" on \(element.name.localName) is neither anyof nor allof"
            )
        }
        return test
    }

    static func unsupported(_ child: XMLTree, in parent: XMLTree) -> DAVError {
        CardDAVConditions.forbidden(
            CardDAVConditions.supportedFilter,
            "\(child.name) is not supported inside \(parent.name.localName)"
        )
    }

    static func name(of element: XMLTree) throws(DAVError) -> String {
        guard let name = element.unqualifiedAttribute("name"), !name.isEmpty else {
            throw CardDAVConditions.forbidden(
                CardDAVConditions.validFilter,
                "\(element.name.localName) needs a name attribute"
            )
        }
        return name
    }
}

extension AddressBookFilter.PropertyFilter {
    /// Decodes a CARDDAV:prop-filter element (RFC 6352 §10.5.1: `is-not-defined | (text-match*, param-filter*)`).
    public init(xml element: XMLTree) throws(DAVError) {
        var isNotDefined = false
        var textMatches: [AddressBookFilter.TextMatch] = []
        var parameterFilters: [AddressBookFilter.ParameterFilter] = []
        for child in element.elements {
            switch child.name {
            case CardDAVElements.isNotDefined: isNotDefined = true
            case CardDAVElements.textMatch: textMatches.append(try AddressBookFilter.TextMatch(xml: child))
            case CardDAVElements.paramFilter: parameterFilters.append(try AddressBookFilter.ParameterFilter(xml: child))
            default: throw AddressBookFilter.unsupported(child, in: element)
            }
        }
        let name = try AddressBookFilter.name(of: element)
        if isNotDefined && element.elements.count > 1 {
            throw CardDAVConditions.forbidden(
                CardDAVConditions.validFilter,
                "prop-filter \(name): is-not-defined cannot be combined with other tests"
            )
        }
        self.init(
            name: name,
            test: try AddressBookFilter.test(of: element),
            isNotDefined: isNotDefined,
            textMatches: textMatches,
            parameterFilters: parameterFilters
        )
    }
}

extension AddressBookFilter.ParameterFilter {
    /// Decodes a CARDDAV:param-filter element (RFC 6352 §10.5.2: `(is-not-defined | text-match)?`).
    public init(xml element: XMLTree) throws(DAVError) {
        let name = try AddressBookFilter.name(of: element)
        let children = element.elements
        guard children.count <= 1 else {
            throw CardDAVConditions.forbidden(
                CardDAVConditions.validFilter,
                "param-filter \(name) holds more than one test"
            )
        }
        guard let child = children.first else {
            self.init(name: name)
            return
        }
        switch child.name {
        case CardDAVElements.isNotDefined: self.init(name: name, condition: .isNotDefined)
        case CardDAVElements.textMatch: self.init(name: name, condition: .textMatch(try .init(xml: child)))
        default: throw AddressBookFilter.unsupported(child, in: element)
        }
    }
}

extension AddressBookFilter.TextMatch {
    /// Decodes a CARDDAV:text-match element (RFC 6352 §10.5.4); the text is taken as written.
    public init(xml element: XMLTree) throws(DAVError) {
        var collation = Collation.unicodeCasemap
        if let value = element.unqualifiedAttribute("collation") {
            guard let known = Collation(rawValue: value) else {
                throw CardDAVConditions.forbidden(
                    CardDAVConditions.supportedCollation,
                    "collation \(value) is not supported; use i;unicode-casemap, i;ascii-casemap or i;octet"
                )
            }
            collation = known
        }
        var matchType = MatchType.contains
        if let value = element.unqualifiedAttribute("match-type") {
            guard let known = MatchType(rawValue: value) else {
                throw CardDAVConditions.forbidden(
                    CardDAVConditions.supportedFilter,
                    "match-type=\"\(value)\" is not equals, contains, starts-with or ends-with"
                )
            }
            matchType = known
        }
        let negate = try element.yesNoAttribute(
            "negate-condition",
            invalid: CardDAVConditions.forbidden(
                CardDAVConditions.supportedFilter,
                "negate-condition must be yes or no"
            )
        )
        if let child = element.elements.first { throw AddressBookFilter.unsupported(child, in: element) }
        self.init(element.text, collation: collation, matchType: matchType, negate: negate)
    }
}
