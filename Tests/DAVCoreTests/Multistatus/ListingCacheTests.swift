import DAVXML
import HTTPWire
import Testing

@testable import DAVCore

@Suite("The listing cache keeps bodies within a byte budget, least recently used out first")
struct ListingCacheTests {
    static func key(_ revision: Int64, user: String = "alice") -> ListingCacheKey {
        let collection = DAVResource(
            identifier: 7,
            path: DAVPath(encoded: "/c/")!,
            kind: .calendar,
            etag: nil,
            contentType: nil,
            contentLength: 0,
            created: 0,
            lastModified: 0,
            syncRevision: revision
        )
        return ListingCacheKey(
            listing: collection,
            at: collection.path,
            selection: .properties([.dav("getetag")]),
            request: .initialSync,
            principal: Principal(name: user),
            registry: PropertyRegistry(CoreProperties.all(resourceTypes: [:]))
        )!
    }

    @Test("a stored body comes back for the same key only")
    func storedBodyComesBack() {
        let cache = ListingCache(byteBudget: 1000, entryLimit: 1000)
        cache.store([1, 2, 3], for: Self.key(1))
        #expect(cache.body(for: Self.key(1))?.bytes == [1, 2, 3])
        #expect(cache.body(for: Self.key(2)) == nil)
        #expect(cache.body(for: Self.key(1, user: "bob")) == nil)
    }

    @Test("going over the budget evicts the least recently used bodies")
    func evictsLeastRecentlyUsed() {
        let budget = 3 * ListingCache.cost(ofBody: 100)
        let cache = ListingCache(byteBudget: budget, entryLimit: 100)
        for revision in 1...3 { cache.store(Array(repeating: 0, count: 100), for: Self.key(Int64(revision))) }
        #expect(cache.body(for: Self.key(1)) != nil)
        cache.store(Array(repeating: 0, count: 100), for: Self.key(4))
        #expect(cache.body(for: Self.key(2)) == nil)
        #expect(cache.body(for: Self.key(1)) != nil)
        #expect(cache.body(for: Self.key(3)) != nil)
        #expect(cache.body(for: Self.key(4)) != nil)
        #expect(cache.byteCount == budget)
        #expect(cache.count == 3)
    }

    @Test("a body larger than the entry limit is not kept")
    func largeBodyIsNotKept() {
        let cache = ListingCache(byteBudget: 1000, entryLimit: 100)
        cache.store(Array(repeating: 0, count: 101), for: Self.key(1))
        #expect(cache.body(for: Self.key(1)) == nil)
        #expect(cache.byteCount == 0)
    }

    @Test("storing the same key again replaces the body and its bytes")
    func replacesBody() {
        let cache = ListingCache(byteBudget: 1000, entryLimit: 1000)
        cache.store(Array(repeating: 0, count: 100), for: Self.key(1))
        cache.store([9], for: Self.key(1))
        #expect(cache.body(for: Self.key(1))?.bytes == [9])
        #expect(cache.byteCount == ListingCache.cost(ofBody: 1))
    }

    @Test("one request at a time records a listing, and one found unstorable is not recorded again")
    func recordsOneAtATimeAndRemembersUnstorable() {
        let cache = ListingCache(byteBudget: 1000, entryLimit: 100)
        #expect(cache.beginRecording(Self.key(1)))
        #expect(!cache.beginRecording(Self.key(1)))
        #expect(cache.beginRecording(Self.key(2)))
        cache.endRecording(Self.key(1), unstorable: false)
        cache.endRecording(Self.key(2), unstorable: true)
        #expect(cache.beginRecording(Self.key(1)))
        #expect(!cache.beginRecording(Self.key(2)))
    }
}
