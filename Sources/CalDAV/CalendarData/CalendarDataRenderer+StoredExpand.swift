import DAVCore
import Recurrence

extension CalendarDataRenderer {
    /// ``expand(_:to:floatingZone:limits:)`` on stored bytes, with the same result, without building the object:
    /// lines an instance keeps are copied from `stored` byte for byte, and only the timing properties
    /// (``StoredPropertyName/isTiming``) and properties with a TZID are parsed. Nil when `stored` is not in the plain shape
    /// ``StoredCalendarLayout`` describes, or has a component without a usable DTSTART; the caller then expands
    /// the parsed object. What does not depend on the range — the bytes around the instances, the instance
    /// templates, the recurrence sets — comes from ``StoredExpansionPlan/cached(for:floating:limits:)`` when the same bytes were expanded
    /// with the same floating zone and limits before.
    ///
    /// - Throws: 403 `CALDAV:max-instances` past `limits.maxInstances`.
    static func expandStored(
        _ stored: [UInt8],
        to range: CalendarTimeRange,
        floatingZone: ResolvedTimeZone = .utc,
        limits: ExpansionLimits = .default
    ) throws(DAVError) -> [UInt8]? {
        try StoredExpansionPlan.cached(for: stored, floating: floatingZone, limits: limits)?.expand(to: range)
    }
}
