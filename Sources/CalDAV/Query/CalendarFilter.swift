public import DAVCore

/// A decoded CALDAV:filter (RFC 4791 §9.7): one comp-filter for VCALENDAR with nested component,
/// property and parameter tests. Matching lives in `CalendarFilter+Matching.swift`.
public struct CalendarFilter: Sendable, Hashable {
    /// The top-level comp-filter; its name is always `VCALENDAR` (RFC 4791 §9.7).
    public var root: CompFilter

    /// Creates a filter from its VCALENDAR comp-filter (RFC 4791 §9.7).
    public init(root: CompFilter) {
        self.root = root
    }

    /// The filter that matches every calendar object: `<comp-filter name="VCALENDAR"/>` (RFC 4791 §9.7.1).
    public static let all = CalendarFilter(root: CompFilter(name: "VCALENDAR"))
}

/// CALDAV:comp-filter (RFC 4791 §9.7.1): a component type, either required absent (`is-not-defined`) or
/// present with a time range, property filters and sub-component filters that one component must all pass.
public struct CompFilter: Sendable, Hashable {
    /// The component name, upper-cased, e.g. `VEVENT`.
    public var name: String
    /// `is-not-defined`: true when no component of this type may exist in the scope.
    public var isNotDefined: Bool
    /// `time-range` (RFC 4791 §9.9).
    public var timeRange: CalendarTimeRange?
    /// `prop-filter` children, all of which must match.
    public var propFilters: [PropFilter]
    /// `comp-filter` children, all of which must match.
    public var compFilters: [CompFilter]

    /// Creates a comp-filter (RFC 4791 §9.7.1).
    public init(
        name: String,
        isNotDefined: Bool = false,
        timeRange: CalendarTimeRange? = nil,
        propFilters: [PropFilter] = [],
        compFilters: [CompFilter] = []
    ) {
        self.name = name.uppercased()
        self.isNotDefined = isNotDefined
        self.timeRange = timeRange
        self.propFilters = propFilters
        self.compFilters = compFilters
    }
}

/// CALDAV:prop-filter (RFC 4791 §9.7.2): a property, either required absent or present with a time range or
/// text match and parameter filters that one property instance must all pass.
public struct PropFilter: Sendable, Hashable {
    /// The property name, upper-cased, e.g. `ATTENDEE`.
    public var name: String
    /// `is-not-defined`: true when no property of this name may exist.
    public var isNotDefined: Bool
    /// `time-range` on the property's DATE / DATE-TIME / PERIOD value (RFC 4791 §9.9).
    public var timeRange: CalendarTimeRange?
    /// `text-match` on the property value (RFC 4791 §9.7.5).
    public var textMatch: TextMatch?
    /// `param-filter` children, all of which must match on the same property instance.
    public var paramFilters: [ParamFilter]

    /// Creates a prop-filter (RFC 4791 §9.7.2).
    public init(
        name: String,
        isNotDefined: Bool = false,
        timeRange: CalendarTimeRange? = nil,
        textMatch: TextMatch? = nil,
        paramFilters: [ParamFilter] = []
    ) {
        self.name = name.uppercased()
        self.isNotDefined = isNotDefined
        self.timeRange = timeRange
        self.textMatch = textMatch
        self.paramFilters = paramFilters
    }
}

/// CALDAV:param-filter (RFC 4791 §9.7.3): a parameter, required absent, present, or present with a text match.
public struct ParamFilter: Sendable, Hashable {
    /// The parameter name, upper-cased, e.g. `PARTSTAT`.
    public var name: String
    /// `is-not-defined`: true when the parameter must not exist.
    public var isNotDefined: Bool
    /// `text-match` on the parameter value (RFC 4791 §9.7.5).
    public var textMatch: TextMatch?

    /// Creates a param-filter (RFC 4791 §9.7.3).
    public init(name: String, isNotDefined: Bool = false, textMatch: TextMatch? = nil) {
        self.name = name.uppercased()
        self.isNotDefined = isNotDefined
        self.textMatch = textMatch
    }
}

/// CALDAV:text-match (RFC 4791 §9.7.5): a substring test under a collation, optionally negated.
public struct TextMatch: Sendable, Hashable {
    /// The text to look for.
    public var text: String
    /// The collation, `i;ascii-casemap` by default.
    public var collation: Collation
    /// `negate-condition="yes"`: match when the text is *not* found.
    public var isNegated: Bool

    /// Creates a text-match (RFC 4791 §9.7.5).
    public init(_ text: String, collation: Collation = .default, isNegated: Bool = false) {
        self.text = text
        self.collation = collation
        self.isNegated = isNegated
    }

    /// Whether `value` passes: it contains the text (or, negated, does not) (RFC 4791 §9.7.5).
    public func matches(_ value: String) -> Bool {
        collation.matches(value, pattern: text, matchType: .contains) != isNegated
    }
}
