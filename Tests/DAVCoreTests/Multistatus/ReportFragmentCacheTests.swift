import DAVXML
import HTTPWire
import Synchronization
import Testing

@testable import DAVCore

/// Kept responses (Docs/decisions/0017): with a `ReportFragmentCache`, an object report writes the bytes it writes
/// without one, on the first request and on every repeat, and a changed object is rendered anew.
@Suite("ReportFragmentCache: object report responses kept and reused")
struct ReportFragmentCacheTests {
    typealias Fixture = ObjectReportResponseTests

    /// Counts the objects a report renders.
    final class RenderCount: Sendable {
        private let count = Mutex(0)
        var value: Int { count.withLock { $0 } }
        func add() { count.withLock { $0 += 1 } }
    }

    static func context(_ objects: [StoredObject], cache: ReportFragmentCache) -> DAVContext {
        var context = Fixture.context(objects)
        context.reportFragments = cache
        return context
    }

    static func respond(
        _ objects: [StoredObject],
        selection: PropertySelection,
        minimal: Bool = false,
        cache: ReportFragmentCache,
        renderKey: (any Hashable & Sendable)? = "plain",
        keeps: Bool = true,
        renders: RenderCount = RenderCount(),
        render: @escaping @Sendable ([UInt8]) -> [UInt8] = { $0 }
    ) throws -> String {
        let response = try ObjectReportResponse(dataProperty: Fixture.dataProperty, selection: selection).response(
            objects: objects,
            request: Fixture.request(minimal: minimal),
            context: context(objects, cache: cache),
            renderKey: renderKey,
            keepsResponses: keeps
        ) { object in
            renders.add()
            return ObjectData(bytes: render(object.bytes))
        }
        return try Fixture.written(response).text
    }

    static func expected(_ objects: [StoredObject], selection: PropertySelection, minimal: Bool = false) throws
        -> String
    {
        try Fixture.reference(
            objects,
            selection: selection,
            minimal: minimal,
            contentType: nil,
            missing: [],
            truncated: nil
        )
    }

    /// `objects` with the object at each of `indices` changed as a PUT changes it: new bytes, entity tag, length
    /// and modification time.
    static func changed(_ objects: [StoredObject], at indices: [Int]) -> [StoredObject] {
        var objects = objects
        for index in indices {
            var object = objects[index]
            object.bytes = Array("BEGIN:VCALENDAR\r\nSUMMARY:changed \(index)\r\nEND:VCALENDAR\r\n".utf8)
            object.resource.etag = EntityTag("changed-\(index)")
            object.resource.contentLength = Int64(object.bytes.count)
            object.resource.lastModified += 1
            objects[index] = object
        }
        return objects
    }

    @Test(
        "every selection writes the bytes written without a cache, first and repeated, whole and streamed",
        arguments: Fixture.selections.indices,
        [(3, false), (3, true), (700, false), (700, true)]
    )
    func repeatedReportsMatchTheTreePath(selectionIndex: Int, shape: (count: Int, minimal: Bool)) throws {
        let selection = Fixture.selections[selectionIndex]
        let objects = Fixture.objects(shape.count)
        let cache = ReportFragmentCache(budget: 64 << 20)
        let expected = try Self.expected(objects, selection: selection, minimal: shape.minimal)
        for _ in 0..<3 {
            #expect(try Self.respond(objects, selection: selection, minimal: shape.minimal, cache: cache) == expected)
        }
    }

    @Test("a repeated report renders nothing; after a change only the changed objects are rendered again")
    func onlyChangedObjectsAreRendered() throws {
        let selection = Fixture.selections[0]
        let cache = ReportFragmentCache(budget: 64 << 20)
        let objects = Fixture.objects(300)
        let first = RenderCount()
        _ = try Self.respond(objects, selection: selection, cache: cache, renders: first)
        #expect(first.value == 300)
        #expect(cache.totalBytes > 0)
        let repeated = RenderCount()
        #expect(
            try Self.respond(objects, selection: selection, cache: cache, renders: repeated)
                == Self.expected(
                    objects,
                    selection: selection
                )
        )
        #expect(repeated.value == 0)
        let changed = Self.changed(objects, at: [0, 7, 299])
        let afterChange = RenderCount()
        let text = try Self.respond(changed, selection: selection, cache: cache, renders: afterChange)
        #expect(afterChange.value == 3)
        #expect(text == (try Self.expected(changed, selection: selection)))
        #expect(text.contains("SUMMARY:changed 7"))
    }

    @Test("an object only touched (same bytes and tag, new modification time) is rendered again")
    func touchedObjectIsRenderedAgain() throws {
        let selection = Fixture.selections[0]
        let cache = ReportFragmentCache(budget: 64 << 20)
        var objects = Fixture.objects(10)
        _ = try Self.respond(objects, selection: selection, cache: cache)
        objects[4].resource.lastModified += 60
        let renders = RenderCount()
        _ = try Self.respond(objects, selection: selection, cache: cache, renders: renders)
        #expect(renders.value == 1)
    }

    @Test("an object moved to a new name under the same row id gets its new href")
    func renamedObjectGetsItsNewHref() throws {
        let selection = Fixture.selections[0]
        let cache = ReportFragmentCache(budget: 64 << 20)
        var objects = Fixture.objects(5)
        _ = try Self.respond(objects, selection: selection, cache: cache)
        objects[3].resource.path = Fixture.collectionPath.appending("renamed.ics")!
        let text = try Self.respond(objects, selection: selection, cache: cache)
        #expect(text.contains("renamed.ics"))
        #expect(!text.contains("event-3.ics"))
        #expect(text == (try Self.expected(objects, selection: selection)))
    }

    @Test("nothing is kept without a render key, nor for selections with dead or unknown properties")
    func uncacheableReportsKeepNothing() throws {
        let objects = Fixture.objects(20)
        let noKey = ReportFragmentCache(budget: 64 << 20)
        _ = try Self.respond(objects, selection: Fixture.selections[0], cache: noKey, renderKey: nil)
        #expect(noKey.totalBytes == 0)
        for index in [2, 4, 6, 7] {
            let cache = ReportFragmentCache(budget: 64 << 20)
            let selection = Fixture.selections[index]
            let renders = RenderCount()
            for _ in 0..<2 {
                #expect(
                    try Self.respond(objects, selection: selection, cache: cache, renders: renders)
                        == Self.expected(
                            objects,
                            selection: selection
                        )
                )
            }
            #expect(cache.totalBytes == 0)
        }
    }

    @Test("reports with different render keys keep apart what they render")
    func renderKeysKeepShapesApart() throws {
        let selection = Fixture.selections[1]
        let cache = ReportFragmentCache(budget: 64 << 20)
        let objects = Fixture.objects(8)
        let plain = try Self.respond(objects, selection: selection, cache: cache, renderKey: "plain")
        let reversed = try Self.respond(objects, selection: selection, cache: cache, renderKey: "reversed") {
            Array($0.reversed())
        }
        #expect(plain != reversed)
        #expect(try Self.respond(objects, selection: selection, cache: cache, renderKey: "plain") == plain)
        #expect(
            try Self.respond(objects, selection: selection, cache: cache, renderKey: "reversed") { _ in [] }
                == reversed
        )
    }

    @Test("within a small budget the least recently used report goes first, and the bytes stay right")
    func smallBudgetEvictsLeastRecentlyUsedShapes() throws {
        let objects = Fixture.objects(40)
        let cache = ReportFragmentCache(budget: 12_000)
        let first = Fixture.selections[0]
        let second = Fixture.selections[1]
        for round in 0..<4 {
            for selection in [first, second, round.isMultiple(of: 2) ? first : second] {
                #expect(
                    try Self.respond(objects, selection: selection, cache: cache)
                        == Self.expected(
                            objects,
                            selection: selection
                        )
                )
                #expect(cache.totalBytes <= 12_000)
            }
        }
        let renders = RenderCount()
        _ = try Self.respond(objects, selection: second, cache: cache, renders: renders)
        #expect(renders.value < 40)
    }

    @Test("a full shape makes room for new responses by dropping the ones it kept first")
    func fullShapeDropsItsOldestResponses() throws {
        let selection = Fixture.selections[0]
        let objects = Fixture.objects(40).filter { $0.resource.identifier % 4 == 0 }
        let early = Array(objects[..<5])
        let late = Array(objects[5...])
        let measure = ReportFragmentCache(budget: 1 << 20)
        _ = try Self.respond(early, selection: selection, cache: measure)
        let cache = ReportFragmentCache(budget: measure.totalBytes * 11 / 10)
        _ = try Self.respond(early, selection: selection, cache: cache)
        _ = try Self.respond(late, selection: selection, cache: cache)
        let lateAgain = RenderCount()
        #expect(
            try Self.respond(late, selection: selection, cache: cache, renders: lateAgain)
                == Self.expected(
                    late,
                    selection: selection
                )
        )
        #expect(lateAgain.value == 0)
        let earlyAgain = RenderCount()
        _ = try Self.respond(early, selection: selection, cache: cache, renders: earlyAgain)
        #expect(earlyAgain.value == early.count)
        #expect(cache.totalBytes <= measure.totalBytes * 11 / 10)
    }

    @Test("a report that keeps no responses (a multiget) still reuses those a query kept")
    func multigetReusesWithoutKeeping() throws {
        let selection = Fixture.selections[0]
        let cache = ReportFragmentCache(budget: 64 << 20)
        let objects = Fixture.objects(30)
        _ = try Self.respond(Array(objects[..<10]), selection: selection, cache: cache, keeps: false)
        #expect(cache.totalBytes == 0)
        _ = try Self.respond(Array(objects[..<20]), selection: selection, cache: cache)
        let kept = cache.totalBytes
        let renders = RenderCount()
        #expect(
            try Self.respond(objects, selection: selection, cache: cache, keeps: false, renders: renders)
                == Self.expected(
                    objects,
                    selection: selection
                )
        )
        #expect(renders.value == 10)
        #expect(cache.totalBytes == kept)
    }
}
