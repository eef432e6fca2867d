import Testing

@testable import Store

@Suite("Migration 10: the longest gap between instance starts answers long ranges from the index")
struct InstanceGapsMigrationTests {
    private func put(_ fixture: Fixture, _ name: String, _ instances: [IndexedInstance]?, span: (Int64, Int64)) throws {
        try fixture.putObject(
            "alice/cal/" + name,
            ObjectIndexEntry(
                uid: name,
                component: "VEVENT",
                spanStart: span.0,
                spanEnd: span.1,
                exactInstances: instances
            )
        )
    }

    private func gaps(_ store: DataStore) throws -> [String] {
        try store.read { database throws(StoreError) in
            try database.rows("SELECT uid, longest_gap FROM object_index ORDER BY uid") {
                "\($0.text(0))=\($0.optionalInt64(1).map(String.init) ?? "null")"
            }
        }
    }

    @Test("Opening a version 9 store fills the longest gap of exact series whose span is their instances' bounds")
    func backfillsLongestGap() throws {
        let fixture = try Fixture()
        _ = try fixture.store.createCollection(at: "alice/cal", type: .calendar)
        let series = [
            IndexedInstance(start: 0, end: 10), IndexedInstance(start: 100, end: 110),
            IndexedInstance(start: 100, end: 400), IndexedInstance(start: 130, end: 140),
        ]
        try put(fixture, "a-series.ics", series, span: (0, 400))
        try put(fixture, "b-single.ics", [IndexedInstance(start: 5, end: 50)], span: (5, 50))
        try put(fixture, "c-inexact.ics", nil, span: (0, 400))
        try put(fixture, "d-wider-span.ics", series, span: (0, 500))
        let expected = ["a-series.ics=100", "b-single.ics=null", "c-inexact.ics=null", "d-wider-span.ics=null"]
        #expect(try gaps(fixture.store) == expected)
        try fixture.store.pool.withWriter { database in
            try database.execute("UPDATE object_index SET longest_gap = NULL")
            try database.execute("PRAGMA user_version = 9")
        }
        let reopened = try DataStore(directory: fixture.directory)
        #expect(try gaps(reopened) == expected)
        let plan = try reopened.read { database throws(StoreError) in
            try database.rows(
                "EXPLAIN QUERY PLAN " + DataStore.candidateQuery(component: true, range: true, columns: .member),
                [.int(0), .int(10), .int(1), .text("VEVENT")]
            ) { $0.text(3) }
        }
        #expect(plan.contains { $0.contains("COVERING INDEX object_index_brief_span") })
        #expect(plan.contains { $0.contains("COVERING INDEX object_index_long_span") })
        // 11…112 is longer than every gap of the series and meets it; 20…90 lies between two of its instances.
        let hits = try reopened.indexedObjects(in: "alice/cal", component: "VEVENT", from: 11, to: 112)
        #expect(hits.map(\.exactRangeHit) == [true, true, nil, true])
        let misses = try reopened.indexedObjects(in: "alice/cal", component: "VEVENT", from: 20, to: 90)
        #expect(misses.map(\.exactRangeHit) == [false, true, nil, false])
    }

    @Test("Random series and ranges: the exact-instance test agrees with a scan of the instances")
    func gapShortcutAgreesWithTheInstances() throws {
        let fixture = try Fixture()
        _ = try fixture.store.createCollection(at: "alice/cal", type: .calendar)
        var generator = SeededGenerator(seed: 10)
        let unit: Int64 = 86_400
        var objects: [(name: String, instances: [IndexedInstance])] = []
        for number in 0..<160 {
            let count = Int.random(in: 1...9, using: &generator)
            let instances = (0..<count).map { _ in
                let start = Int64.random(in: 0...60, using: &generator) * unit
                let lengths: [Int64] = [0, 0, unit / 2, unit, 3 * unit, 9 * unit]
                let length = lengths.randomElement(using: &generator) ?? 0
                return IndexedInstance(start: start, end: start + length)
            }
            let name = "o\(number).ics"
            let span = (instances.map(\.start).min() ?? 0, instances.map(\.end).max() ?? 0)
            try put(fixture, name, instances, span: span)
            objects.append((name, instances))
        }
        for _ in 0..<120 {
            let from =
                Int64.random(in: -2...62, using: &generator) * unit + [0, 1, -1].randomElement(using: &generator)!
            let to = from + Int64.random(in: 0...40, using: &generator) * unit / 2
            var expected: [String: Bool] = [:]
            for object in objects {
                let spanStart = object.instances.map(\.start).min() ?? 0
                let spanEnd = object.instances.map(\.end).max() ?? 0
                guard spanEnd >= from, spanStart <= to else { continue }
                expected[object.name] = object.instances.contains {
                    $0.start < to && ($0.end > from || ($0.start == $0.end && $0.start >= from))
                }
            }
            let found = try fixture.store.indexedObjects(in: "alice/cal", component: "VEVENT", from: from, to: to)
            let answered = Dictionary(uniqueKeysWithValues: found.map { ($0.member.name, $0.exactRangeHit ?? false) })
            #expect(answered == expected, "range \(from)…\(to)")
        }
    }
}
