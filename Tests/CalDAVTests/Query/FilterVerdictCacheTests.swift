import Recurrence
import Testing

@testable import CalDAV

/// Filter verdicts kept by filter, floating zone and limits, and by entity tag within them.
@Suite("FilterVerdictCache: calendar-query verdicts by filter and entity tag")
struct FilterVerdictCacheTests {
    static func filter(_ name: String) -> CalendarFilter {
        CalendarFilter(root: CompFilter(name: "VCALENDAR", compFilters: [CompFilter(name: name)]))
    }

    @Test("verdicts come back for the same filter, zone and limits only")
    func verdictsAreKeptByFilterZoneAndLimits() {
        let cache = FilterVerdictCache(limit: 100)
        let events = Self.filter("VEVENT")
        cache.remember(["a": true, "b": false], for: events, zone: .utc, limits: .default)
        #expect(cache.verdicts(for: events, zone: .utc, limits: .default) == ["a": true, "b": false])
        #expect(cache.verdicts(for: Self.filter("VTODO"), zone: .utc, limits: .default).isEmpty)
        #expect(
            cache.verdicts(for: events, zone: .fixed(offsetSeconds: 3600, identifier: "+01:00"), limits: .default)
                .isEmpty
        )
        var tighter = ExpansionLimits.default
        tighter.maxInstances = 10
        #expect(cache.verdicts(for: events, zone: .utc, limits: tighter).isEmpty)
        cache.remember(["b": true, "c": false], for: events, zone: .utc, limits: .default)
        #expect(cache.verdicts(for: events, zone: .utc, limits: .default) == ["a": true, "b": true, "c": false])
        #expect(cache.count == 3)
    }

    @Test("when full, the filter used least recently goes first, and no more than the limit is kept")
    func fullCacheDropsTheLeastRecentlyUsedFilter() {
        let cache = FilterVerdictCache(limit: 4)
        let first = Self.filter("VEVENT")
        let second = Self.filter("VTODO")
        let third = Self.filter("VJOURNAL")
        cache.remember(["a": true, "b": true], for: first, zone: .utc, limits: .default)
        cache.remember(["c": true, "d": true], for: second, zone: .utc, limits: .default)
        _ = cache.verdicts(for: first, zone: .utc, limits: .default)
        cache.remember(["e": false], for: third, zone: .utc, limits: .default)
        #expect(cache.verdicts(for: second, zone: .utc, limits: .default).isEmpty)
        #expect(cache.verdicts(for: first, zone: .utc, limits: .default).count == 2)
        cache.remember(
            ["f": true, "g": true, "h": true, "i": true, "j": true],
            for: third,
            zone: .utc,
            limits: .default
        )
        #expect(cache.count <= 4)
    }
}
