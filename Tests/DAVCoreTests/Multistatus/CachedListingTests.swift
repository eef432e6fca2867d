import DAVXML
import HTTPWire
import Testing

@testable import DAVCore

@Suite("Listings of an unchanged collection come from the listing cache (Docs/decisions/0009)")
struct CachedListingTests {
    let backend: ListingBackend
    let context: DAVContext
    let cache = ListingCache(byteBudget: 32 << 20, entryLimit: 8 << 20)

    init() {
        backend = MemberListingTests.backend(members: MemberPages.pageSize + 200)
        context = Self.context(backend: backend, cache: cache)
    }

    static func context(backend: ListingBackend, cache: ListingCache) -> DAVContext {
        DAVContext(
            backend: backend,
            properties: PropertyRegistry(CoreProperties.all(resourceTypes: [:]) + LockProperties.all),
            principalCollection: DAVPath(encoded: "/principals/")!,
            listingCache: cache
        )
    }

    static let propfind = #"<propfind xmlns="DAV:"><prop><getetag/><resourcetype/></prop></propfind>"#
    static let initialSync =
        #"<sync-collection xmlns="DAV:"><sync-token/><prop><getetag/></prop></sync-collection>"#

    func send(
        _ method: HTTPMethod = .propfind,
        body: String = Self.propfind,
        user: String = "alice",
        headers: [(String, String)] = [("Depth", "1")],
        in otherContext: DAVContext? = nil,
        beforeSending: () -> Void = {}
    ) throws -> (streamed: Bool, bytes: [UInt8]) {
        let dispatcher = DAVDispatcher(handlers: [
            PropfindMethod(), ReportMethod(registry: ReportRegistry([SyncCollectionReport()])),
        ])
        var fields = HTTPHeaders()
        for (name, value) in headers { fields.add(name: name, value: value) }
        let bytes = Array(body.utf8)
        let head = HTTPRequestHead(
            method: method,
            target: MemberListingTests.collectionPath.encoded,
            headers: fields,
            bodyFraming: .contentLength(Int64(bytes.count))
        )
        let request = DAVRequest(
            http: HTTPRequest(head: head, body: BufferedBodyReader(bytes)),
            path: MemberListingTests.collectionPath,
            principal: Principal(name: user)
        )
        let response = dispatcher.dispatch(request, in: otherContext ?? context)
        #expect(response.status.code == 207)
        beforeSending()
        switch response.body {
        case .bytes(let bytes): return (false, bytes)
        case .shared(let body): return (false, body.bytes)
        case .stream(let produce):
            let collector = CollectingBodyWriter()
            try produce(collector)
            return (true, collector.bytes)
        default: return (false, [])
        }
    }

    @Test("a streamed listing is stored as it is sent; the next one is the same bytes, whole, without reading pages")
    func secondListingComesFromTheCache() throws {
        let first = try send()
        #expect(first.streamed)
        let pagesAfterFirst = backend.pagesRead
        let second = try send()
        #expect(!second.streamed)
        #expect(second.bytes == first.bytes)
        #expect(backend.pagesRead == pagesAfterFirst)
        #expect(cache.count == 1)
    }

    @Test("an initial sync-collection is cached the same way, its token included")
    func initialSyncIsCached() throws {
        let first = try send(.report, body: Self.initialSync, headers: [])
        let pagesAfterFirst = backend.pagesRead
        let second = try send(.report, body: Self.initialSync, headers: [])
        #expect(second.bytes == first.bytes)
        #expect(backend.pagesRead == pagesAfterFirst)
        #expect(String(decoding: second.bytes, as: UTF8.self).contains("http://kalends.org/ns/sync/1-42"))
    }

    @Test("a new revision of the collection is listed anew")
    func newRevisionIsListedAnew() throws {
        _ = try send()
        let removed = backend.children.removeLast()
        backend.collection.syncRevision += 1
        let pagesBefore = backend.pagesRead
        let hrefs = MemberListingTests.hrefs(String(decoding: try send().bytes, as: UTF8.self))
        #expect(backend.pagesRead > pagesBefore)
        #expect(!hrefs.contains(removed.path.encoded))
        #expect(hrefs.count == backend.children.count + 1)
    }

    @Test("another user's request never gets the cached body")
    func otherUserIsNotServedFromTheCache() throws {
        _ = try send(user: "alice")
        let pagesBefore = backend.pagesRead
        _ = try send(user: "bob")
        #expect(backend.pagesRead > pagesBefore)
        #expect(cache.count == 2)
    }

    @Test("Prefer: return=minimal is a listing of its own")
    func minimalIsCachedSeparately() throws {
        _ = try send()
        let pagesBefore = backend.pagesRead
        _ = try send(headers: [("Depth", "1"), ("Prefer", "return=minimal")])
        #expect(backend.pagesRead > pagesBefore)
    }

    @Test("a selection with lockdiscovery is never stored")
    func lockdiscoveryIsNotCached() throws {
        _ = try send(body: #"<propfind xmlns="DAV:"><prop><getetag/><lockdiscovery/></prop></propfind>"#)
        #expect(cache.count == 0)
    }

    @Test("a listing with a member collection is not stored, since that member's revision changes on its own")
    func memberCollectionsAreNotCached() throws {
        backend.children.append(
            DAVResource(
                identifier: 99_999,
                path: MemberListingTests.collectionPath.appending("zz-sub", isCollection: true)!,
                kind: .folder,
                etag: EntityTag("sub"),
                contentType: nil,
                contentLength: 0,
                created: 0,
                lastModified: 0,
                syncRevision: 3
            )
        )
        _ = try send()
        #expect(cache.count == 0)
    }

    @Test("a streamed listing longer than the entry limit is sent whole and not stored, then listed anew")
    func listingOverTheEntryLimitIsNotStored() throws {
        let smallCache = ListingCache(byteBudget: 32 << 20, entryLimit: 16 << 10)
        let smallContext = Self.context(backend: backend, cache: smallCache)
        let first = try send(in: smallContext)
        #expect(first.streamed)
        #expect(first.bytes.count > 16 << 10)
        #expect(
            MemberListingTests.hrefs(String(decoding: first.bytes, as: UTF8.self)).count == backend.children.count + 1
        )
        #expect(smallCache.count == 0)
        let second = try send(in: smallContext)
        #expect(second.streamed)
        #expect(second.bytes == first.bytes)
        #expect(smallCache.count == 0)
    }

    @Test("a streamed listing during which the collection changed is not stored")
    func changeDuringListingIsNotStored() throws {
        let first = try send { backend.collection.syncRevision += 1 }
        #expect(first.streamed)
        #expect(cache.count == 0)
    }

    @Test("while one miss is being sent, a concurrent miss of the same listing is sent without being recorded")
    func concurrentMissIsNotRecorded() throws {
        var storedByConcurrentMiss = true
        let first = try send {
            _ = try? send()
            storedByConcurrentMiss = cache.count > 0
        }
        #expect(first.streamed)
        #expect(!storedByConcurrentMiss)
        #expect(cache.count == 1)
    }
}
