import Store
import Testing

@Suite("Object index: UID uniqueness, span candidates, exact instances")
struct ObjectIndexTests {
    private func put(_ fixture: Fixture, _ path: String, _ entry: ObjectIndexEntry) throws {
        let source = ByteSource(Array("BEGIN:VCALENDAR".utf8), chunk: 64)
        _ = try fixture.store.putResource(at: path, contentType: "text/calendar", read: source.read, index: entry)
    }

    @Test("A UID is unique per collection: a second object with it is refused and names the holder")
    func uidIsUniquePerCollection() throws {
        let fixture = try Fixture()
        _ = try fixture.store.createCollection(at: "alice/cal", type: .calendar)
        _ = try fixture.store.createCollection(at: "alice/other", type: .calendar)
        try put(fixture, "alice/cal/a.ics", ObjectIndexEntry(uid: "u", component: "VEVENT"))
        #expect(throws: StoreError.uidConflict(existing: "alice/cal/a.ics")) {
            try put(fixture, "alice/cal/b.ics", ObjectIndexEntry(uid: "u", component: "VEVENT"))
        }
        try put(fixture, "alice/other/b.ics", ObjectIndexEntry(uid: "u", component: "VEVENT"))
        try put(fixture, "alice/cal/a.ics", ObjectIndexEntry(uid: "u", component: "VEVENT"))
        #expect(throws: StoreError.uidConflict(existing: "alice/other/b.ics")) {
            _ = try fixture.store.copy(from: "alice/cal/a.ics", to: "alice/other/c.ics", overwrite: false)
        }
    }

    @Test("Candidates overlap the range by span; exact instances answer the half-open test in SQL")
    func exactInstancesAnswerTheRange() throws {
        let fixture = try Fixture()
        _ = try fixture.store.createCollection(at: "alice/cal", type: .calendar)
        let weekly = [0, 7, 14].map { IndexedInstance(start: Int64($0) * 100, end: Int64($0) * 100 + 10) }
        try put(
            fixture,
            "alice/cal/weekly.ics",
            ObjectIndexEntry(uid: "w", component: "VEVENT", spanStart: 0, spanEnd: 1410, exactInstances: weekly)
        )
        try put(
            fixture,
            "alice/cal/wide.ics",
            ObjectIndexEntry(uid: "x", component: "VEVENT", spanStart: 0, spanEnd: 2000)
        )
        try put(
            fixture,
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
                ).map { ($0.node.name, $0.exactRangeHit) }
            )
        }
        #expect(try hits(705, 706) == ["weekly.ics": true, "wide.ics": nil])
        #expect(try hits(710, 800) == ["weekly.ics": false, "wide.ics": nil])
        #expect(try hits(1500, 1600) == ["wide.ics": nil])
        _ = try fixture.store.move(from: "alice/cal/weekly.ics", to: "alice/cal/moved.ics", overwrite: false)
        #expect(try hits(0, 1) == ["moved.ics": true, "wide.ics": nil])
    }
}
