/// What a store index can narrow a calendar-query by before the exact match (RFC 4791 §7.8, §9.9): the
/// component type the filter requires at the top level and the time range that component must overlap.
///
/// The store keeps a ``CalendarObjectSummary`` per object; candidates are the rows where
/// `component = :type AND (span_start IS NULL OR span_start <= :end) AND (span_end IS NULL OR span_end >= :start)`
/// (comparisons inclusive, missing query bounds dropped). ``admits(_:)`` is the same condition in Swift. The
/// prefilter only ever keeps too much: every candidate still goes through ``CalendarFilter/matches(_:floatingZone:limits:)``.
public struct CalendarPrefilter: Sendable, Hashable {
    /// The top-level component types a summary can carry (RFC 4791 §4.1, RFC 7953).
    static let indexedComponents: Set<String> = ["VEVENT", "VTODO", "VJOURNAL", "VFREEBUSY", "VAVAILABILITY"]

    /// The component type every match has, e.g. `VEVENT`; nil when the filter does not require one.
    public var componentType: String?
    /// The range that component must overlap; nil when the filter has no time-range on it.
    public var timeRange: CalendarTimeRange?
    /// Whether the filter is nothing but "a VEVENT overlapping `timeRange`": then an object with an exact span
    /// matches exactly when the span does (``CalendarObjectSummary/matchesExactly(_:)``).
    public var isPlainEventRange: Bool
    /// Whether the filter asks for nothing but the component type (the index's component column answers it).
    public var isPlainComponent: Bool

    /// Creates a prefilter (RFC 4791 §9.9).
    public init(
        componentType: String? = nil,
        timeRange: CalendarTimeRange? = nil,
        isPlainEventRange: Bool = false,
        isPlainComponent: Bool = false
    ) {
        self.componentType = componentType
        self.timeRange = timeRange
        self.isPlainEventRange = isPlainEventRange
        self.isPlainComponent = isPlainComponent
    }

    /// The prefilter of a decoded filter: the first comp-filter directly under VCALENDAR that requires a
    /// component type the index knows, and its time-range (RFC 4791 §9.7.1: all comp-filters must match, and
    /// an object holds one component type, §4.1). Time ranges nested deeper (VALARM) do not narrow.
    public init(filter: CalendarFilter) {
        guard
            let required = filter.root.compFilters.first(where: {
                !$0.isNotDefined && Self.indexedComponents.contains($0.name)
            })
        else {
            self.init()
            return
        }
        let root = filter.root
        let isPlain =
            root.propFilters.isEmpty && root.timeRange == nil && root.compFilters.count == 1
            && required.name == "VEVENT"
            && required.timeRange != nil && required.propFilters.isEmpty && required.compFilters.isEmpty
        self.init(componentType: required.name, timeRange: required.timeRange, isPlainEventRange: isPlain)
    }

    /// Whether an object with this summary may match (the SQL condition above, RFC 4791 §9.9).
    public func admits(_ summary: CalendarObjectSummary) -> Bool {
        if let componentType, summary.componentType != componentType { return false }
        guard let timeRange else { return true }
        let startsBeforeEnd = (summary.spanStart ?? Int64.min) <= (timeRange.end ?? Int64.max)
        let endsAfterStart = (summary.spanEnd ?? Int64.max) >= (timeRange.start ?? Int64.min)
        return startsBeforeEnd && endsAfterStart
    }
}
