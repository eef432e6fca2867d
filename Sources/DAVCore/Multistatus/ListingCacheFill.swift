import HTTPWire
import Synchronization

/// Puts the body of a listing being answered into a `ListingCache` (RFC 4918 §9.1, RFC 6578 §3.4 listings): a
/// whole body at once, a streamed one as its bytes go out. The body is stored only when it lists no member
/// collection (whose own revision the key does not cover), is no larger than the cache's entry limit, and the
/// collection still has the revision of the key after the last member was read, so every page was read from the
/// same state of the collection.
struct ListingCacheFill: Sendable {
    private let cache: ListingCache
    private let key: ListingCacheKey
    private let isUnchanged: @Sendable () throws -> Bool

    /// Prepares to store the listing of the collection at `path` under `key`.
    init(_ cache: ListingCache, key: ListingCacheKey, path: DAVPath, backend: any DAVBackend, principal: Principal) {
        self.cache = cache
        self.key = key
        isUnchanged = {
            guard let now = try backend.resource(at: path, as: principal) else { return false }
            return now.identifier == key.collection && now.syncRevision == key.revision
        }
    }

    /// Stores a complete body.
    func store(_ body: [UInt8]) {
        guard body.count <= cache.entryLimit, (try? isUnchanged()) == true else { return }
        cache.store(body, for: key)
    }

    /// A recorder for a streamed body.
    func recorder() -> ListingBodyRecorder { ListingBodyRecorder(self, limit: cache.entryLimit) }
}

/// Collects the bytes of a streamed listing as they are sent, and hands them to its `ListingCacheFill` when the
/// body has been written whole; gives up once it is told the listing holds a member collection or the bytes
/// pass the cache's entry limit.
final class ListingBodyRecorder: Sendable {
    private let fill: ListingCacheFill
    private let limit: Int
    /// The bytes so far; nil once given up.
    private let recorded = Mutex<[UInt8]?>([])

    fileprivate init(_ fill: ListingCacheFill, limit: Int) {
        self.fill = fill
        self.limit = limit
    }

    /// Gives up: this body will not be stored.
    func abandon() {
        recorded.withLock { $0 = nil }
    }

    /// `response` with its streamed body recorded while it is written, and stored once written whole.
    func recording(_ response: HTTPResponse) -> HTTPResponse {
        guard case .stream(let produce) = response.body else { return response }
        var response = response
        response.body = .stream { [self] output in
            try produce(RecordingBodyWriter(output, recorder: self))
            if let body = recorded.withLock({ $0.take() }) { fill.store(body) }
        }
        return response
    }

    fileprivate func record(_ bytes: UnsafeRawBufferPointer) {
        recorded.withLock { recorded in
            guard var body = recorded.take() else { return }
            guard body.count + bytes.count <= limit else { return }
            body.append(contentsOf: bytes)
            recorded = body
        }
    }
}

/// Passes a body's bytes on to the connection and to a recorder.
private final class RecordingBodyWriter: HTTPBodyWriter {
    private let output: any HTTPBodyWriter
    private let recorder: ListingBodyRecorder

    init(_ output: any HTTPBodyWriter, recorder: ListingBodyRecorder) {
        self.output = output
        self.recorder = recorder
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        recorder.record(bytes)
        try output.write(bytes)
    }
}
