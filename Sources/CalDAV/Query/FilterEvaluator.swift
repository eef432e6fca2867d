import ICalendarFormat
import MIMEDir
import Recurrence

/// Evaluates a ``CalendarFilter`` against one calendar object (RFC 4791 §9.7, §9.9).
struct FilterEvaluator {
    let calendar: VCalendar
    let resolver: TimeZoneResolver
    let floating: ResolvedTimeZone
    let limits: ExpansionLimits

    /// RFC 4791 §9.7.1: a comp-filter matches when no component of its type is in scope (`is-not-defined`),
    /// or when at least one component of its type passes all its tests.
    func matches(_ filter: CompFilter, inScope scope: Component) -> Bool {
        let candidates = scope.components(filter.name)
        if filter.isNotDefined { return candidates.isEmpty }
        return candidates.contains { passes(filter, $0, parent: scope) }
    }

    /// Whether `component` passes the time range, prop-filters and comp-filters of `filter` (RFC 4791 §9.7.1).
    func passes(_ filter: CompFilter, _ component: Component, parent: Component?) -> Bool {
        if let range = filter.timeRange, !overlaps(component, range, parent: parent) { return false }
        for propFilter in filter.propFilters where !matches(propFilter, in: component) { return false }
        for compFilter in filter.compFilters where !matches(compFilter, inScope: component) { return false }
        return true
    }

    /// RFC 4791 §9.7.2: a prop-filter matches when no property of its name exists (`is-not-defined`), or when
    /// one property of its name passes the time range or text match and all param-filters.
    func matches(_ filter: PropFilter, in component: Component) -> Bool {
        let properties = component.properties(filter.name)
        if filter.isNotDefined { return properties.isEmpty }
        return properties.contains { property in
            if let range = filter.timeRange, !overlaps(property, range) { return false }
            if let textMatch = filter.textMatch, !textMatch.matches(TextEscaping.unescape(property.value)) {
                return false
            }
            return filter.paramFilters.allSatisfy { matches($0, on: property) }
        }
    }

    /// RFC 4791 §9.7.3: a param-filter matches when the parameter is absent (`is-not-defined`), or present
    /// and its value passes the text match, if any.
    func matches(_ filter: ParamFilter, on property: Property) -> Bool {
        let parameter = property.parameter(filter.name)
        if filter.isNotDefined { return parameter == nil }
        guard let parameter else { return false }
        return filter.textMatch?.matches(parameter.value) ?? true
    }
}
