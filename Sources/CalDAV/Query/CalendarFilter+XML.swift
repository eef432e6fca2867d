public import DAVCore
public import DAVXML

extension CalendarFilter {
    /// The components on which RFC 4791 §9.9 defines a CALDAV:time-range.
    static let timeRangeComponents: Set<String> = ["VEVENT", "VTODO", "VJOURNAL", "VFREEBUSY", "VALARM"]

    /// Decodes a CALDAV:filter element (RFC 4791 §9.7).
    ///
    /// - Throws: `DAVError` 403 `CALDAV:valid-filter` when the filter does not hold exactly one comp-filter
    ///   named VCALENDAR, an element lacks its `name`, `is-not-defined` is combined with other tests, a
    ///   time-range is malformed or sits on a component §9.9 does not cover; 403 `CALDAV:supported-collation`
    ///   for an unknown collation.
    public static func decode(_ element: XMLTree) throws(DAVError) -> CalendarFilter {
        let roots = element.children(named: CalDAVElements.compFilter)
        guard roots.count == 1, let root = roots.first else {
            throw CalDAVFailure.invalidFilter("CALDAV:filter must hold exactly one comp-filter.")
        }
        let decoded = try decodeCompFilter(root, depth: 0)
        guard decoded.name == "VCALENDAR", !decoded.isNotDefined else {
            throw CalDAVFailure.invalidFilter("The top-level comp-filter must be VCALENDAR.")
        }
        if decoded.timeRange != nil {
            throw CalDAVFailure.invalidFilter("A time-range cannot apply to VCALENDAR.")
        }
        return CalendarFilter(root: decoded)
    }

    private static func name(of element: XMLTree) throws(DAVError) -> String {
        guard let name = element.attributes[XMLName("", "name")], !name.isEmpty else {
            throw CalDAVFailure.invalidFilter("\(element.name.localName) needs a name attribute.")
        }
        return name.uppercased()
    }

    private static func decodeCompFilter(_ element: XMLTree, depth: Int) throws(DAVError) -> CompFilter {
        var filter = CompFilter(name: try name(of: element))
        if let timeRange = element.child(CalDAVElements.timeRange) {
            guard depth > 0, timeRangeComponents.contains(filter.name) else {
                throw CalDAVFailure.invalidFilter("A time-range cannot apply to \(filter.name) (RFC 4791 §9.9).")
            }
            filter.timeRange = try CalendarTimeRange.decode(timeRange, failure: CalDAVFailure.invalidFilter)
        }
        for child in element.children(named: CalDAVElements.propFilter) {
            filter.propFilters.append(try decodePropFilter(child))
        }
        for child in element.children(named: CalDAVElements.compFilter) {
            filter.compFilters.append(try decodeCompFilter(child, depth: depth + 1))
        }
        if element.child(CalDAVElements.isNotDefined) != nil {
            guard filter.timeRange == nil, filter.propFilters.isEmpty, filter.compFilters.isEmpty else {
                throw CalDAVFailure.invalidFilter("is-not-defined cannot be combined with other tests.")
            }
            filter.isNotDefined = true
        }
        return filter
    }

    private static func decodePropFilter(_ element: XMLTree) throws(DAVError) -> PropFilter {
        var filter = PropFilter(name: try name(of: element))
        if let timeRange = element.child(CalDAVElements.timeRange) {
            filter.timeRange = try CalendarTimeRange.decode(timeRange, failure: CalDAVFailure.invalidFilter)
        }
        if let textMatch = element.child(CalDAVElements.textMatch) {
            guard filter.timeRange == nil else {
                throw CalDAVFailure.invalidFilter("A prop-filter holds a time-range or a text-match, not both.")
            }
            filter.textMatch = try decodeTextMatch(textMatch)
        }
        for child in element.children(named: CalDAVElements.paramFilter) {
            filter.paramFilters.append(try decodeParamFilter(child))
        }
        if element.child(CalDAVElements.isNotDefined) != nil {
            guard filter.timeRange == nil, filter.textMatch == nil, filter.paramFilters.isEmpty else {
                throw CalDAVFailure.invalidFilter("is-not-defined cannot be combined with other tests.")
            }
            filter.isNotDefined = true
        }
        return filter
    }

    private static func decodeParamFilter(_ element: XMLTree) throws(DAVError) -> ParamFilter {
        var filter = ParamFilter(name: try name(of: element))
        if let textMatch = element.child(CalDAVElements.textMatch) {
            filter.textMatch = try decodeTextMatch(textMatch)
        }
        if element.child(CalDAVElements.isNotDefined) != nil {
            guard filter.textMatch == nil else {
                throw CalDAVFailure.invalidFilter("is-not-defined cannot be combined with a text-match.")
            }
            filter.isNotDefined = true
        }
        return filter
    }

    /// Decodes a CALDAV:text-match (RFC 4791 §9.7.5): `collation` (default `i;ascii-casemap`) and
    /// `negate-condition` (`yes` / `no`, default `no`).
    static func decodeTextMatch(_ element: XMLTree) throws(DAVError) -> TextMatch {
        var collation = Collation.default
        if let name = element.attributes[XMLName("", "collation")] {
            do {
                collation = try Collation(named: name)
            } catch {
                throw CalDAVFailure.unsupportedCollation(error.name)
            }
        }
        let negate = element.attributes[XMLName("", "negate-condition")] ?? "no"
        guard negate == "yes" || negate == "no" else {
            throw CalDAVFailure.invalidFilter("negate-condition must be yes or no, not \(negate).")
        }
        return TextMatch(element.text, collation: collation, isNegated: negate == "yes")
    }
}
