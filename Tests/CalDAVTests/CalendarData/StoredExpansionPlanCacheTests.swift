import Foundation
import Recurrence
import Testing

@testable import CalDAV

@Suite("Expansion plans kept between requests, within a memory bound")
struct StoredExpansionPlanCacheTests {
    static func key(_ text: String, zone: ResolvedTimeZone = .utc) -> StoredExpansionPlanCache.Key {
        StoredExpansionPlanCache.Key(stored: Array(text.utf8), floating: zone.identity, limits: .default)
    }

    static func plan(_ text: String) -> StoredExpansionPlan? {
        StoredExpansionPlan(
            Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8),
            floating: .utc,
            limits: .default
        )
    }

    @Test("A plan, or that an object has none, is found again by the same bytes, zone and limits only")
    func remembersByBytesZoneAndLimits() throws {
        let cache = StoredExpansionPlanCache(byteLimit: 1 << 20)
        let text = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nDTSTART:20260101T100000Z\nEND:VEVENT\nEND:VCALENDAR\n"
        let plan = try #require(Self.plan(text))
        cache.remember(plan, for: Self.key(text))
        cache.remember(nil, for: Self.key("not a calendar"))
        #expect(cache.plan(for: Self.key(text)) != nil)
        #expect(cache.plan(for: Self.key(text))! === plan)
        #expect(cache.plan(for: Self.key("not a calendar")).map { $0 == nil } == true)
        let newYork = try #require(TimeZoneResolver.systemZone(named: "America/New_York"))
        #expect(cache.plan(for: Self.key(text, zone: newYork)) == nil)
        #expect(cache.plan(for: Self.key(text + " ")) == nil)
        let otherLimits = StoredExpansionPlanCache.Key(
            stored: Array(text.utf8),
            floating: ResolvedTimeZone.utc.identity,
            limits: ExpansionLimits(maxInstances: 7)
        )
        #expect(cache.plan(for: otherLimits) == nil)
    }

    @Test("The cache holds no more than its limit: old plans are dropped, the newest is kept")
    func staysWithinItsLimit() {
        let objectBytes = 1_000
        let cache = StoredExpansionPlanCache(
            byteLimit: 4 * StoredExpansionPlanCache.cost(of: Self.key(String(repeating: "x", count: objectBytes)))
        )
        let keys = (0..<40).map { Self.key(String(1000 + $0) + String(repeating: "x", count: objectBytes - 4)) }
        for (index, key) in keys.enumerated() {
            cache.remember(nil, for: key)
            #expect(cache.plan(for: key) != nil)
            #expect(keys[...index].count { cache.plan(for: $0) != nil } <= 4)
        }
        let huge = Self.key(String(repeating: "y", count: 2 * objectBytes))
        cache.remember(nil, for: huge)
        #expect(keys.count { cache.plan(for: $0) != nil } + (cache.plan(for: huge) == nil ? 0 : 2) <= 4)
    }

    @Test("Equal zones have equal identities; different offsets and tables do not")
    func zoneIdentities() throws {
        let berlin = try #require(TimeZoneResolver.systemZone(named: "Europe/Berlin"))
        let newYork = try #require(TimeZoneResolver.systemZone(named: "America/New_York"))
        #expect(berlin.identity == TimeZoneResolver.systemZone(named: "Europe/Berlin")?.identity)
        #expect(berlin.identity != newYork.identity)
        #expect(ResolvedTimeZone.utc.identity == ResolvedTimeZone.fixed(offsetSeconds: 0, identifier: "Z").identity)
        #expect(
            ResolvedTimeZone.fixed(offsetSeconds: 3600, identifier: "A").identity
                != ResolvedTimeZone.fixed(offsetSeconds: 7200, identifier: "A").identity
        )
    }
}
