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

    /// A recorder for a streamed body; nil while another request records this listing or when it was found
    /// unstorable before (too large, or listing a member collection), so concurrent misses and such listings do not
    /// each hold a copy.
    func recorder() -> ListingBodyRecorder? {
        guard cache.beginRecording(key) else { return nil }
        return ListingBodyRecorder(self, limit: cache.entryLimit)
    }

    fileprivate func endRecording(unstorable: Bool) {
        cache.endRecording(key, unstorable: unstorable)
    }
}

/// Collects the bytes of a streamed listing as they are sent, and hands them to its `ListingCacheFill` when the
/// body has been written whole; gives up once it is told the listing holds a member collection or the bytes
/// pass the cache's entry limit. The bytes are kept as the pieces they were written in and joined once at the end,
/// so a listing that turns out too large costs at most the limit, not an array grown by doubling (a 21 MB listing of
/// 100,000 events held 21 MB at the peak that way, with the limit at 8 MiB).
final class ListingBodyRecorder: Sendable {
    private enum State {
        case recording(pieces: [[UInt8]], count: Int)
        case finished
        case unstorable
    }

    private let fill: ListingCacheFill
    private let limit: Int
    private let state = Mutex<State>(.recording(pieces: [], count: 0))

    fileprivate init(_ fill: ListingCacheFill, limit: Int) {
        self.fill = fill
        self.limit = limit
    }

    deinit {
        fill.endRecording(unstorable: state.withLock { if case .unstorable = $0 { true } else { false } })
    }

    /// Gives up: this body will not be stored (it lists a member collection).
    func abandon() {
        state.withLock { $0 = .unstorable }
    }

    /// `response` with its streamed body recorded while it is written, and stored once written whole.
    func recording(_ response: HTTPResponse) -> HTTPResponse {
        guard case .stream(let produce) = response.body else { return response }
        var response = response
        response.body = .stream { [self] output in
            try produce(RecordingBodyWriter(output, recorder: self))
            if let body = finishedBody() { fill.store(body) }
        }
        return response
    }

    /// The recorded body in one array; each piece is freed as soon as it is copied.
    private func finishedBody() -> [UInt8]? {
        let recorded: (pieces: [[UInt8]], count: Int)? = state.withLock { state in
            guard case .recording(let pieces, let count) = state else { return nil }
            state = .finished
            return (pieces, count)
        }
        guard let recorded else { return nil }
        var body: [UInt8] = []
        body.reserveCapacity(recorded.count)
        var pieces = Array(recorded.pieces.reversed())
        while let piece = pieces.popLast() { body += piece }
        return body
    }

    fileprivate func record(_ bytes: UnsafeRawBufferPointer) {
        state.withLock { state in
            guard case .recording(var pieces, let count) = state else { return }
            state = .finished
            guard count + bytes.count <= limit else {
                state = .unstorable
                return
            }
            pieces.append(Array(bytes))
            state = .recording(pieces: pieces, count: count + bytes.count)
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
