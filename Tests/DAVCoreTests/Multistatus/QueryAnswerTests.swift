import DAVXML
import HTTPWire
import Testing

@testable import DAVCore

/// Whole query answers kept beside the responses (Docs/decisions/0018): a query asked again of a collection at the
/// same revision gets the bytes it got before without looking at an object; any other revision, collection, query
/// or shape, and any response of the shape dropped or replaced, means the report is written as before.
@Suite("ReportFragmentCache: whole query answers")
struct QueryAnswerTests {
    typealias Fixture = ObjectReportResponseTests
    typealias Responses = ReportFragmentCacheTests

    /// The calendar the objects are in, at `revision` of its change log; `identifier` is its row id.
    static func collection(revision: Int64, identifier: Int64 = 1) -> DAVResource {
        DAVResource(
            identifier: identifier,
            path: Fixture.collectionPath,
            kind: .calendar,
            etag: EntityTag("c\(revision)"),
            contentType: nil,
            contentLength: 0,
            created: 0,
            lastModified: 0,
            syncRevision: revision
        )
    }

    /// What one query gave: the text, and whether it came from a kept answer.
    struct Answered {
        let text: String
        let wasKept: Bool
        let rendered: Int
    }

    /// Asks `query` of the objects as a query report does: a kept answer when there is one, else the report written
    /// with the answer key.
    static func ask(
        _ objects: [StoredObject],
        query: String = "filter",
        revision: Int64,
        collection identifier: Int64 = 1,
        truncated: Bool = false,
        selection: PropertySelection = Fixture.selections[0],
        cache: ReportFragmentCache
    ) throws -> Answered {
        let context = Responses.context(objects, cache: cache)
        let request = Fixture.request(minimal: false)
        let report = ObjectReportResponse(dataProperty: Fixture.dataProperty, selection: selection)
        let key = try #require(
            QueryAnswerKey(query: query, on: collection(revision: revision, identifier: identifier))
        )
        if let kept = report.keptAnswer(for: key, request: request, context: context, renderKey: "plain") {
            return Answered(text: try Fixture.written(kept).text, wasKept: true, rendered: 0)
        }
        let renders = Responses.RenderCount()
        let response = try report.response(
            objects: objects,
            truncatedCollection: truncated ? Fixture.collectionPath : nil,
            request: request,
            context: context,
            renderKey: "plain",
            answer: key
        ) { object in
            renders.add()
            return ObjectData(bytes: object.bytes)
        }
        return Answered(text: try Fixture.written(response).text, wasKept: false, rendered: renders.value)
    }

    /// The body of the kept answer to `query`, which must be there and sent as a shared body.
    static func keptBody(_ objects: [StoredObject], revision: Int64, cache: ReportFragmentCache) throws -> SharedBody {
        let report = ObjectReportResponse(dataProperty: Fixture.dataProperty, selection: Fixture.selections[0])
        let key = try #require(QueryAnswerKey(query: "filter", on: collection(revision: revision)))
        let response = report.keptAnswer(
            for: key,
            request: Fixture.request(minimal: false),
            context: Responses.context(objects, cache: cache),
            renderKey: "plain"
        )
        guard case .shared(let body) = try #require(response).body else {
            Issue.record("a kept answer of \(objects.count) objects was not sent as one shared body")
            return SharedBody([])
        }
        return body
    }

    static func expected(_ objects: [StoredObject], truncated: Bool = false) throws -> String {
        try Fixture.reference(
            objects,
            selection: Fixture.selections[0],
            minimal: false,
            contentType: nil,
            missing: [],
            truncated: truncated ? Fixture.collectionPath : nil
        )
    }

    @Test(
        "a query asked a third time at the same revision is answered whole, with the same bytes, small and streamed",
        arguments: [3, 700]
    )
    func repeatedQueryIsAnsweredWhole(count: Int) throws {
        let cache = ReportFragmentCache(budget: 64 << 20)
        let objects = Fixture.objects(count)
        let expected = try Self.expected(objects)
        let first = try Self.ask(objects, revision: 5, cache: cache)
        let second = try Self.ask(objects, revision: 5, cache: cache)
        let third = try Self.ask(objects, revision: 5, cache: cache)
        #expect([first.text, second.text, third.text] == [expected, expected, expected])
        #expect(!first.wasKept && first.rendered == count)
        #expect(!second.wasKept && second.rendered == 0)
        #expect(third.wasKept)
    }

    @Test("a kept answer is joined once: later clients are sent that same body, and the budget counts it")
    func keptAnswerIsJoinedOnce() throws {
        let cache = ReportFragmentCache(budget: 64 << 20)
        let objects = Fixture.objects(20)
        for _ in 0..<2 { _ = try Self.ask(objects, revision: 5, cache: cache) }
        let beforeJoining = cache.totalBytes
        let third = try Self.keptBody(objects, revision: 5, cache: cache)
        let fourth = try Self.keptBody(objects, revision: 5, cache: cache)
        #expect(third === fourth)
        #expect(String(decoding: fourth.bytes, as: UTF8.self) == (try Self.expected(objects)))
        #expect(cache.totalBytes == beforeJoining + ListingCache.cost(ofBody: fourth.bytes.count))
    }

    @Test("without room in the budget for the joined body, a kept answer is joined for each client, the same bytes")
    func joinedBodyNeedsRoomInTheBudget() throws {
        let objects = Fixture.objects(20)
        let measure = ReportFragmentCache(budget: 64 << 20)
        for _ in 0..<2 { _ = try Self.ask(objects, revision: 5, cache: measure) }
        let cache = ReportFragmentCache(budget: measure.totalBytes + 100)
        for _ in 0..<2 { _ = try Self.ask(objects, revision: 5, cache: cache) }
        let third = try Self.keptBody(objects, revision: 5, cache: cache)
        let fourth = try Self.keptBody(objects, revision: 5, cache: cache)
        #expect(third !== fourth)
        #expect(third.bytes == fourth.bytes)
        #expect(String(decoding: fourth.bytes, as: UTF8.self) == (try Self.expected(objects)))
        #expect(cache.totalBytes <= measure.totalBytes + 100)
    }

    @Test("the 507 of a truncated result is part of the answer")
    func truncationIsKept() throws {
        let cache = ReportFragmentCache(budget: 64 << 20)
        let objects = Fixture.objects(4)
        for _ in 0..<2 { _ = try Self.ask(objects, revision: 2, truncated: true, cache: cache) }
        let kept = try Self.ask(objects, revision: 2, cache: cache)
        #expect(kept.wasKept)
        #expect(kept.text == (try Self.expected(objects, truncated: true)))
    }

    @Test("another revision, another collection row or another query is not answered from a kept answer")
    func keysKeepAnswersApart() throws {
        let cache = ReportFragmentCache(budget: 64 << 20)
        let objects = Fixture.objects(10)
        for _ in 0..<2 { _ = try Self.ask(objects, revision: 5, cache: cache) }
        #expect(try Self.ask(objects, revision: 5, cache: cache).wasKept)
        let fewer = Array(objects.prefix(4))
        for (revision, collection, query) in [(6, 1, "filter"), (5, 2, "filter"), (5, 1, "other filter")] {
            let answered = try Self.ask(
                fewer,
                query: query,
                revision: Int64(revision),
                collection: Int64(collection),
                cache: cache
            )
            #expect(!answered.wasKept)
            #expect(answered.text == (try Self.expected(fewer)))
        }
    }

    @Test("an answer is dropped when a response of its shape is replaced, and kept again once all are")
    func replacedResponseDropsTheAnswer() throws {
        let cache = ReportFragmentCache(budget: 64 << 20)
        let objects = Fixture.objects(10)
        for _ in 0..<2 { _ = try Self.ask(objects, revision: 5, cache: cache) }
        let withAnswer = cache.totalBytes
        let changed = Responses.changed(objects, at: [3])
        // Another query of the same shape replaces the changed object's response.
        let other = try Self.ask(changed, query: "other", revision: 6, cache: cache)
        #expect(!other.wasKept && other.rendered == 1)
        #expect(!(try Self.ask(changed, revision: 5, cache: cache).wasKept))
        #expect(cache.totalBytes < withAnswer + 1024)
        _ = try Self.ask(changed, revision: 6, cache: cache)
        let again = try Self.ask(changed, revision: 6, cache: cache)
        #expect(again.wasKept)
        #expect(again.text == (try Self.expected(changed)))
    }

    @Test("no answer is kept when its responses do not all fit the budget, and the budget holds")
    func answerNeedsAllItsResponsesKept() throws {
        let objects = Fixture.objects(40)
        let measure = ReportFragmentCache(budget: 1 << 20)
        _ = try Self.ask(objects, revision: 1, cache: measure)
        let cache = ReportFragmentCache(budget: measure.totalBytes / 2)
        for _ in 0..<4 {
            let answered = try Self.ask(objects, revision: 1, cache: cache)
            #expect(!answered.wasKept)
            #expect(answered.text == (try Self.expected(objects)))
            #expect(cache.totalBytes <= measure.totalBytes / 2)
        }
    }

    @Test("a report whose responses are not kept (dead properties asked for) keeps no answer")
    func uncacheableShapeKeepsNoAnswer() throws {
        let cache = ReportFragmentCache(budget: 64 << 20)
        let objects = Fixture.objects(6)
        for _ in 0..<3 {
            #expect(!(try Self.ask(objects, revision: 1, selection: Fixture.selections[2], cache: cache).wasKept))
        }
        #expect(cache.totalBytes == 0)
    }
}
