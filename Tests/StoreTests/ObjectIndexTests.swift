import Store
import Testing

@Suite("Object index: UID uniqueness, span candidates, exact instances")
struct ObjectIndexTests {
    @Test("A UID is unique per collection: a second object with it is refused and names the holder")
    func uidIsUniquePerCollection() throws {
        let fixture = try Fixture()
        _ = try fixture.store.createCollection(at: "alice/cal", type: .calendar)
        _ = try fixture.store.createCollection(at: "alice/other", type: .calendar)
        try fixture.putObject("alice/cal/a.ics", ObjectIndexEntry(uid: "u", component: "VEVENT"))
        #expect(throws: StoreError.uidConflict(existing: "alice/cal/a.ics")) {
            try fixture.putObject("alice/cal/b.ics", ObjectIndexEntry(uid: "u", component: "VEVENT"))
        }
        try fixture.putObject("alice/other/b.ics", ObjectIndexEntry(uid: "u", component: "VEVENT"))
        try fixture.putObject("alice/cal/a.ics", ObjectIndexEntry(uid: "u", component: "VEVENT"))
        #expect(throws: StoreError.uidConflict(existing: "alice/other/b.ics")) {
            _ = try fixture.store.copy(from: "alice/cal/a.ics", to: "alice/other/c.ics", overwrite: false)
        }
    }

    @Test("A listing of objects gives each its own media type and content, rows of one type sharing the value")
    func indexedObjectsKeepEachMediaType() throws {
        let fixture = try Fixture()
        _ = try fixture.store.createCollection(at: "alice/cal", type: .calendar)
        let types = ["text/calendar", "text/calendar", "text/calendar; charset=utf-8", "", "text/calendar"]
        for (number, type) in types.enumerated() {
            let source = ByteSource(Array("BEGIN:VCALENDAR \(number)".utf8), chunk: 64)
            _ = try fixture.store.putResource(
                at: "alice/cal/\(number).ics",
                contentType: type,
                read: source.read,
                index: ObjectIndexEntry(uid: "u\(number)", component: "VEVENT")
            )
        }
        let found = try fixture.store.indexedObjects(in: "alice/cal")
        #expect(found.map(\.member.name) == types.indices.map { "\($0).ics" })
        for (number, object) in found.enumerated() {
            let node = try #require(try fixture.store.node(at: "alice/cal/\(number).ics"))
            #expect(object.member.contentType == node.contentType)
            #expect(object.member.etag == node.etag)
            guard case .inline(let bytes) = object.content else {
                Issue.record("\(object.member.name): content not inline")
                continue
            }
            #expect(bytes == Array("BEGIN:VCALENDAR \(number)".utf8))
        }
    }

    @Test("Candidates overlap the range by span; exact instances answer the half-open test in SQL")
    func exactInstancesAnswerTheRange() throws {
        let fixture = try Fixture()
        _ = try fixture.store.createCollection(at: "alice/cal", type: .calendar)
        let weekly = [0, 7, 14].map { IndexedInstance(start: Int64($0) * 100, end: Int64($0) * 100 + 10) }
        try fixture.putObject(
            "alice/cal/weekly.ics",
            ObjectIndexEntry(uid: "w", component: "VEVENT", spanStart: 0, spanEnd: 1410, exactInstances: weekly)
        )
        try fixture.putObject(
            "alice/cal/wide.ics",
            ObjectIndexEntry(uid: "x", component: "VEVENT", spanStart: 0, spanEnd: 2000)
        )
        try fixture.putObject(
            "alice/cal/todo.ics",
            ObjectIndexEntry(uid: "t", component: "VTODO", spanStart: 0, spanEnd: 2000)
        )
        func hits(_ from: Int64, _ to: Int64) throws -> [String: Bool?] {
            Dictionary(
                uniqueKeysWithValues: try fixture.store.indexedObjects(
                    in: "alice/cal",
                    component: "VEVENT",
                    from: from,
                    to: to
                ).map { ($0.member.name, $0.exactRangeHit) }
            )
        }
        #expect(try hits(705, 706) == ["weekly.ics": true, "wide.ics": nil])
        #expect(try hits(710, 800) == ["weekly.ics": false, "wide.ics": nil])
        #expect(try hits(1500, 1600) == ["wide.ics": nil])
        _ = try fixture.store.move(from: "alice/cal/weekly.ics", to: "alice/cal/moved.ics", overwrite: false)
        #expect(try hits(0, 1) == ["moved.ics": true, "wide.ics": nil])
    }

    /// Objects around the edges of the brief/long split and of the range: brief events touching the range on
    /// either side, zero-length ones at its bounds, a multi-week single instance, a series with one long instance
    /// starting weeks before the range, a series without exact instances, one with none left, an unbounded one.
    private static let edgeCases: [(name: String, entry: ObjectIndexEntry)] = {
        let day: Int64 = 86_400
        let start: Int64 = 100 * day
        let end: Int64 = 130 * day
        func event(_ uid: String, _ spanStart: Int64, _ spanEnd: Int64, _ instances: [(Int64, Int64)]?) -> (
            name: String, entry: ObjectIndexEntry
        ) {
            (
                uid + ".ics",
                ObjectIndexEntry(
                    uid: uid,
                    component: "VEVENT",
                    spanStart: spanStart,
                    spanEnd: spanEnd,
                    exactInstances: instances?.map { IndexedInstance(start: $0.0, end: $0.1) }
                )
            )
        }
        let seriesStarts: StrideTo<Int64> = stride(from: start - 60 * day, to: end + 30 * day, by: Int(7 * day))
        let series: [(Int64, Int64)] = seriesStarts.map { (first: Int64) -> (Int64, Int64) in (first, first + 3600) }
        return [
            event("ends-at-start", start - 3600, start, [(start - 3600, start)]),
            event("starts-at-end", end, end + 3600, [(end, end + 3600)]),
            event("zero-at-start", start, start, [(start, start)]),
            event("zero-at-end", end, end, [(end, end)]),
            event("inside", start + day, start + day + 3600, [(start + day, start + day + 3600)]),
            event("brief-limit-before", start - 7 * day + 1, start + 1, [(start - 7 * day + 1, start + 1)]),
            event("weeks-long", start - 20 * day, start + 2 * day, [(start - 20 * day, start + 2 * day)]),
            event(
                "series-long-instance",
                start - 60 * day,
                end + 30 * day,
                [(start - 60 * day, start - 60 * day + 3600), (start - 30 * day, start + 3600)]
            ),
            event("weekly-series", series[0].0, series[series.count - 1].1, series),
            event(
                "series-zero-inside",
                start - 10 * day,
                end + 10 * day,
                [(start - 10 * day, start - 9 * day), (start + day, start + day)]
            ),
            event("inexact-series", start - 60 * day, end + 60 * day, nil),
            event("no-instances-left", start - day, end + day, []),
            event("unbounded", .min, .max, nil),
            event("brief-long-before", start - 30 * day, start - 29 * day, [(start - 30 * day, start - 29 * day)]),
        ]
    }()

    /// Ranges `[from, to)`: the edge cases' month, its first second, the day before, a wide one, two seconds
    /// around a day boundary.
    private static let rangeEdges: [[Int64]] = [
        [8_640_000, 11_232_000], [8_640_000, 8_640_001], [8_553_600, 8_640_000], [0, 34_560_000],
        [8_726_399, 8_726_401],
    ]

    @Test(
        "The brief and long span indexes together return exactly the objects whose span meets the range, with the half-open instance test",
        arguments: rangeEdges
    )
    func briefAndLongSpansAnswerLikeABruteForceScan(range: [Int64]) throws {
        let fixture = try Fixture()
        _ = try fixture.store.createCollection(at: "alice/cal", type: .calendar)
        for object in Self.edgeCases { try fixture.putObject("alice/cal/" + object.name, object.entry) }
        let (from, to) = (range[0], range[1])
        var expected: [String: Bool?] = [:]
        for object in Self.edgeCases where object.entry.spanEnd >= from && object.entry.spanStart <= to {
            let hit = object.entry.exactInstances.map { instances in
                instances.contains { $0.start < to && ($0.end > from || ($0.start == $0.end && $0.start >= from)) }
            }
            expected.updateValue(hit, forKey: object.name)
        }
        let found = try fixture.store.indexedObjects(in: "alice/cal", component: "VEVENT", from: from, to: to)
        #expect(found.map(\.member.name) == found.map(\.member.name).sorted())
        #expect(Dictionary(uniqueKeysWithValues: found.map { ($0.member.name, $0.exactRangeHit) }) == expected)
    }

    @Test(
        "resources(named:) reads the named resources of one collection by name, any bytes in their names, each with the position of its name, leaving out the rest"
    )
    func resourcesNamedReadsMembersByName() throws {
        let fixture = try Fixture()
        _ = try fixture.store.createCollection(at: "alice/cal", type: .calendar)
        _ = try fixture.store.createCollection(at: "alice/cal/sub", type: .plain)
        _ = try fixture.store.createCollection(at: "alice/other", type: .calendar)
        let names = ["b.ics", #"quote"d.ics"#, #"back\slash.ics"#, "tab\tand\u{1}.ics", "caf\u{E9}.ics", "a.ics"]
        for name in names {
            try fixture.putObject("alice/cal/" + name, ObjectIndexEntry(uid: name, component: "VEVENT"))
        }
        try fixture.putObject("alice/other/missing.ics", ObjectIndexEntry(uid: "m", component: "VEVENT"))
        let requested = names + ["missing.ics", "sub", "b.ics", "a.ics"]
        let found = try fixture.store.resources(named: requested, in: "alice/cal").sorted { $0.position < $1.position }
        #expect(found.map(\.position) == Array(names.indices) + [8, 9])
        #expect(found.map(\.member.name) == found.map { requested[$0.position] })
        for (_, member, content) in found {
            let node = try #require(try fixture.store.node(at: "alice/cal/" + member.name))
            #expect(member.id == node.id && member.etag == node.etag && member.contentType == node.contentType)
            #expect(member.contentLength == node.contentLength && member.modified == node.modified)
            guard case .inline(let bytes) = content else {
                Issue.record("\(member.name): content not inline")
                continue
            }
            #expect(bytes == Array("BEGIN:VCALENDAR".utf8))
        }
    }
}
