public import DAVCore
import DAVXML
import HTTPWire
import ICalendarFormat
import MIMEDir
public import Recurrence

/// The RFC 4791 §5.3.2.1 preconditions of a PUT into a calendar collection: `supported-calendar-data` (the body
/// is `text/calendar`), `valid-calendar-data`, `valid-calendar-object-resource`, `supported-calendar-component`
/// (against the collection's `supported-calendar-component-set`), `max-resource-size`; the UID and the span of all
/// instances (from the recurrence engine) become the object's index summary, so `no-uid-conflict` and
/// time-range prefiltering are the store's job.
public struct CalendarObjectPolicy: ObjectContentPolicy {
    /// Largest calendar object accepted, in bytes.
    public let maxSize: Int
    /// Bounds on the expansion that computes an object's span; `maxInstances` is also the `max-instances` a
    /// finite recurrence set may have (RFC 4791 §5.2.8).
    public let limits: ExpansionLimits
    /// Most ATTENDEE properties one instance may have (RFC 4791 §5.2.9).
    public let maxAttendees: Int
    /// The component sets of the calendars written to.
    private let componentNames = SupportedComponentNames()

    /// The earliest and latest instants an object may use (RFC 4791 §5.2.6–§5.2.7): the years the time-zone
    /// tables cover.
    public static let dateRange: ClosedRange<Int64> = -2_208_988_800...4_133_980_799

    /// Creates the policy.
    public init(maxSize: Int, limits: ExpansionLimits = .default, maxAttendees: Int = 1000) {
        self.maxSize = maxSize
        self.limits = limits
        self.maxAttendees = maxAttendees
    }

    /// Calendars.
    public var collectionKind: ResourceKind { .calendar }

    /// `CALDAV:max-resource-size`.
    public var sizeCondition: DAVError.Condition { Self.condition("max-resource-size") }

    /// Validates a calendar object and computes its summary.
    public func validate(
        _ bytes: [UInt8],
        contentType: String?,
        in collection: DAVResource,
        request: DAVRequest,
        context: DAVContext
    ) throws -> (contentType: String, summary: ObjectSummary) {
        if let contentType, MediaTypes.essence(contentType) != "text/calendar" {
            throw DAVError(
                .forbidden,
                condition: Self.condition("supported-calendar-data"),
                "Calendar collections store text/calendar, not \(contentType)."
            )
        }
        let supported = try supportedComponents(of: collection, request: request, context: context)
        let validator = CalendarObjectValidator(options: .init(supportedComponents: supported))
        let object: ValidatedCalendarObject
        do {
            object = try validator.validate(bytes)
        } catch {
            throw DAVError(.forbidden, condition: Self.condition(error.precondition.rawValue), error.message)
        }
        try checkAttendees(of: object)
        let sets = try? RecurrenceSet.sets(in: object.calendar, limits: limits)
        let expanded = try (sets ?? []).map(expandCheckingDates)
        let summary = CalendarObjectSummary.make(from: object, sets: sets, expanded: expanded)
        return (
            "text/calendar; charset=utf-8; component=\(object.componentType.lowercased())",
            ObjectSummary(
                uid: summary.uid,
                component: summary.componentType,
                spanStart: summary.spanStart ?? .min,
                spanEnd: summary.spanEnd ?? .max,
                exactInstances: summary.exactInstances
            )
        )
    }

    /// `max-attendees-per-instance` (RFC 4791 §5.3.2.1).
    private func checkAttendees(of object: ValidatedCalendarObject) throws {
        for component in object.calendar.component.components {
            let attendees = component.properties.count { $0.matches("ATTENDEE") }
            if attendees > maxAttendees {
                throw DAVError(
                    .forbidden,
                    condition: Self.condition("max-attendees-per-instance"),
                    "An instance has \(attendees) attendees; at most \(maxAttendees) are accepted."
                )
            }
        }
    }

    /// Every instance of a bounded recurrence set (nil for an unbounded one, or when the expansion fails for a
    /// reason other than its size), checked against `max-instances` and `min-date-time` / `max-date-time`; of an
    /// unbounded set only the start of its first instance is checked (RFC 4791 §5.3.2.1). Unbounded rules are
    /// accepted: their expansion is bounded per query instead. The result feeds the index summary, so a PUT
    /// expands each set once.
    private func expandCheckingDates(_ set: RecurrenceSet) throws -> [RecurrenceInstance]? {
        if set.isUnbounded {
            let early = (try? set.instances(from: nil, to: Self.dateRange.lowerBound)) ?? []
            try checkStart(of: early)
            return nil
        }
        let instances: [RecurrenceInstance]
        do {
            instances = try set.instances(from: nil, to: nil)
        } catch .tooManyInstances(let limit) {
            throw DAVError(
                .forbidden,
                condition: Self.condition("max-instances"),
                "The recurrence set has more than \(limit) instances."
            )
        } catch {
            return nil
        }
        try checkStart(of: instances)
        if let last = instances.last, last.start > Self.dateRange.upperBound {
            throw DAVError(.forbidden, condition: Self.condition("max-date-time"), "An instance starts after 2100.")
        }
        return instances
    }

    /// `min-date-time` on the first of instances sorted by start (RFC 4791 §5.3.2.1). A to-do without DTSTART or
    /// DUE has no start of its own (−∞ in RFC 4791 §9.9): there is no date to refuse.
    private func checkStart(of instances: [RecurrenceInstance]) throws {
        if let first = instances.first(where: { $0.start != .min }), first.start < Self.dateRange.lowerBound {
            throw DAVError(.forbidden, condition: Self.condition("min-date-time"), "An instance starts before 1900.")
        }
    }

    /// The component names of the collection's `supported-calendar-component-set` (RFC 4791 §5.2.3); nil when it
    /// has none, which accepts every component.
    private func supportedComponents(of collection: DAVResource, request: DAVRequest, context: DAVContext) throws
        -> Set<String>?
    {
        let dead =
            if let known = context.backend as? any KnownCollectionBackend {
                try known.deadProperties(ofCollection: collection, as: request.principal)
            } else {
                try context.backend.deadProperties(of: [collection], as: request.principal)[collection.path] ?? []
            }
        guard let set = dead.first(where: { $0.name == CalendarProperties.supportedComponentSet }) else { return nil }
        return componentNames.names(in: set, of: collection.identifier)
    }

    static func condition(_ name: String) -> DAVError.Condition {
        DAVError.Condition(namespace: Namespaces.calDAV, name: name)
    }
}
