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

    @Test("A full cache admits no more plans while it is hit, and starts over once it stops being useful")
    func fullCacheKeepsWhatItHoldsUntilUseless() {
        let objectBytes = 1_000
        let cache = StoredExpansionPlanCache(
            byteLimit: 4 * StoredExpansionPlanCache.cost(of: Self.key(String(repeating: "x", count: objectBytes)))
        )
        let keys = (0..<12).map { Self.key(String(1000 + $0) + String(repeating: "x", count: objectBytes - 4)) }
        for key in keys.prefix(4) { cache.remember(nil, for: key) }
        for key in keys[4...] {
            #expect(cache.plan(for: keys[0]) != nil)
            #expect(cache.plan(for: key) == nil)
            cache.remember(nil, for: key)
            #expect(cache.plan(for: key) == nil)
        }
        #expect(keys.prefix(4).allSatisfy { cache.plan(for: $0) != nil })
        for _ in 0...(2 * 4) { _ = cache.plan(for: keys[11]) }
        cache.remember(nil, for: keys[11])
        #expect(cache.plan(for: keys[11]) != nil)
        #expect(keys.prefix(4).allSatisfy { cache.plan(for: $0) == nil })
        let huge = Self.key(String(repeating: "y", count: 5 * objectBytes))
        cache.remember(nil, for: huge)
        #expect(cache.plan(for: huge) == nil)
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
