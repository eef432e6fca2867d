import DAVXML
import HTTPWire
import Testing

@testable import DAVCore

@Suite("Listings read and streamed page by page (RFC 4918 §9.1, RFC 6578 §3)")
struct MemberListingTests {
    static let collectionPath = DAVPath(encoded: "/c/")!

    static func backend(members count: Int, changeLog: [MemberChanges.Change] = []) -> ListingBackend {
        let children = (0..<count).map { index in
            DAVResource(
                identifier: Int64(index + 2),
                path: collectionPath.appending("m\(index).ics")!,
                kind: .file,
                etag: EntityTag("e\(index)"),
                contentType: "text/calendar",
                contentLength: 1,
                created: 0,
                lastModified: 0
            )
        }
        let collection = DAVResource(
            identifier: 1,
            path: collectionPath,
            kind: .calendar,
            etag: EntityTag("c"),
            contentType: nil,
            contentLength: 0,
            created: 0,
            lastModified: 0,
            syncRevision: 42
        )
        return ListingBackend(collection: collection, children: children, changeLog: changeLog)
    }

    /// Sends a request and returns the status, whether the body was streamed, and the body.
    static func send(_ backend: ListingBackend, _ method: HTTPMethod, depth: String, body: String) throws
        -> (status: Int, streamed: Bool, text: String)
    {
        let context = DAVContext(
            backend: backend,
            properties: PropertyRegistry(CoreProperties.all(resourceTypes: [:])),
            principalCollection: DAVPath(encoded: "/principals/")!
        )
        let dispatcher = DAVDispatcher(handlers: [
            PropfindMethod(), ReportMethod(registry: ReportRegistry([SyncCollectionReport()])),
        ])
        var fields = HTTPHeaders()
        fields.add(name: "Depth", value: depth)
        let bytes = Array(body.utf8)
        let head = HTTPRequestHead(
            method: method,
            target: collectionPath.encoded,
            headers: fields,
            bodyFraming: .contentLength(Int64(bytes.count))
        )
        let request = DAVRequest(
            http: HTTPRequest(head: head, body: BufferedBodyReader(bytes)),
            path: collectionPath,
            principal: Principal(name: "alice")
        )
        let response = dispatcher.dispatch(request, in: context)
        switch response.body {
        case .bytes(let bytes): return (response.status.code, false, String(decoding: bytes, as: UTF8.self))
        case .stream(let produce):
            let collector = CollectingBodyWriter()
            try produce(collector)
            return (response.status.code, true, String(decoding: collector.bytes, as: UTF8.self))
        default: return (response.status.code, false, "")
        }
    }

    static let propfind = #"<propfind xmlns="DAV:"><prop><getetag/></prop></propfind>"#

    static func hrefs(_ text: String) -> [String] {
        text.split(separator: "<D:href>", omittingEmptySubsequences: false).dropFirst().map {
            String($0.prefix { $0 != "<" })
        }
    }

    @Test("a Depth 1 listing longer than a page is streamed, one backend page at a time, each member once by name")
    func streamsPages() throws {
        let backend = Self.backend(members: 2 * MemberPages.pageSize + 500)
        let response = try Self.send(backend, .propfind, depth: "1", body: Self.propfind)
        #expect(response.status == 207)
        #expect(response.streamed)
        #expect(backend.pagesRead == 3)
        let expected =
            ["/c/"]
            + backend.children.map(\.path.encoded)
        #expect(Self.hrefs(response.text) == expected)
        #expect(response.text.hasSuffix("</D:multistatus>\n"))
    }

    @Test("a listing that fits one page is sent whole, with a length")
    func shortListingIsWhole() throws {
        let backend = Self.backend(members: 10)
        let response = try Self.send(backend, .propfind, depth: "1", body: Self.propfind)
        #expect(!response.streamed)
        #expect(Self.hrefs(response.text).count == 11)
    }

    @Test("an initial sync streams every member and ends with the collection's token")
    func initialSyncStreams() throws {
        let backend = Self.backend(members: MemberPages.pageSize + 1)
        let response = try Self.send(
            backend,
            .report,
            depth: "0",
            body: #"<sync-collection xmlns="DAV:"><sync-token/><prop><getetag/></prop></sync-collection>"#
        )
        #expect(response.status == 207)
        #expect(response.streamed)
        #expect(Self.hrefs(response.text) == backend.children.map(\.path.encoded))
        #expect(
            response.text.hasSuffix("<D:sync-token>http://kalends.org/ns/sync/1-42</D:sync-token></D:multistatus>\n")
        )
    }

    @Test("an incremental sync of many changes picks them out of the pages, then lists tombstones and the token")
    func incrementalSyncPicksChanges() throws {
        let changed = (0..<20).map { MemberChanges.Change(name: "m\($0 * 100).ics", revision: 41, deleted: false) }
        let deleted = MemberChanges.Change(name: "gone.ics", revision: 42, deleted: true)
        let backend = Self.backend(members: MemberPages.pageSize * 2, changeLog: changed + [deleted])
        let response = try Self.send(
            backend,
            .report,
            depth: "0",
            body: """
                <sync-collection xmlns="DAV:"><sync-token>http://kalends.org/ns/sync/1-40</sync-token>\
                <prop><getetag/></prop></sync-collection>
                """
        )
        #expect(response.status == 207)
        let expected = changed.map { "/c/" + $0.name }.sorted() + ["/c/gone.ics"]
        #expect(Self.hrefs(response.text).sorted() == expected.sorted())
        #expect(response.text.contains("<D:href>/c/gone.ics</D:href><D:status>HTTP/1.1 404 Not Found</D:status>"))
        #expect(response.text.contains("<D:sync-token>http://kalends.org/ns/sync/1-42</D:sync-token>"))
    }
}

/// Collects a streamed body.
final class CollectingBodyWriter: HTTPBodyWriter {
    var bytes: [UInt8] = []

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        self.bytes.append(contentsOf: bytes)
    }
}
