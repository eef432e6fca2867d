public import HTTPWire
import Synchronization

/// Complete bodies of collection listings (RFC 4918 §9.1 PROPFIND `Depth: 1`, RFC 6578 §3.4 initial
/// `sync-collection`) by `ListingCacheKey`, so a client polling an unchanged collection gets the stored bytes back
/// instead of a new listing. Bounded by a byte budget with least-recently-used eviction; a body larger than
/// `entryLimit` is not kept. A body is kept as a `SharedBody`, so its gzip form, made for the first client that asks
/// for gzip, is kept too; the budget counts an eighth of each body on top for it (listings compress about 9:1:
/// 2,150,345 → 243,440 bytes for 10,000 `getetag` responses). Shared by all worker threads. What may be cached, and why a key that names the
/// collection's change revision is enough, is `ListingCacheKey`'s business (Docs/decisions/0009).
public final class ListingCache: Sendable {
    /// Most body bytes held at once.
    public let byteBudget: Int
    /// Largest body kept.
    public let entryLimit: Int
    private let state: Mutex<LeastRecentlyUsed>
    private let recordings = Mutex<Recordings>(Recordings())

    /// Creates an empty cache holding at most `byteBudget` bytes of bodies, none larger than `entryLimit`.
    public init(byteBudget: Int, entryLimit: Int) {
        self.byteBudget = byteBudget
        self.entryLimit = min(entryLimit, byteBudget)
        state = Mutex(LeastRecentlyUsed())
    }

    /// What a body of `count` bytes takes from the budget: itself and room for its gzip form.
    public static func cost(ofBody count: Int) -> Int { count + count / 8 }

    /// The body stored for `key`, now the most recently used one; nil when there is none.
    public func body(for key: ListingCacheKey) -> SharedBody? {
        state.withLock { $0.use(key) }
    }

    /// Stores `body` for `key` and evicts the least recently used bodies until the budget holds; a body larger
    /// than `entryLimit` is not stored.
    public func store(_ body: [UInt8], for key: ListingCacheKey) {
        guard body.count <= entryLimit else { return }
        state.withLock { entries in
            entries.insert(SharedBody(body), for: key)
            while entries.byteCount > byteBudget { entries.removeLeastRecentlyUsed() }
        }
    }

    /// Whether a streamed body for `key` may be recorded now: not while another request records it, nor when it
    /// was found unstorable before (larger than `entryLimit`, or listing a member collection). Each true answer is
    /// followed by one `endRecording`.
    func beginRecording(_ key: ListingCacheKey) -> Bool {
        recordings.withLock { $0.begin(key) }
    }

    /// Ends a recording that `beginRecording` allowed; `unstorable` remembers that this listing cannot be kept.
    func endRecording(_ key: ListingCacheKey, unstorable: Bool) {
        recordings.withLock { $0.end(key, unstorable: unstorable) }
    }

    /// Budget bytes taken now (`cost(ofBody:)` of each body).
    public var byteCount: Int { state.withLock { $0.byteCount } }

    /// Bodies held now.
    public var count: Int { state.withLock { $0.count } }
}

/// Bodies in order of use: a doubly linked list threaded through `slots` by index, newest at `head`.
private struct LeastRecentlyUsed {
    private struct Slot {
        var key: ListingCacheKey
        var body: SharedBody
        var newer: Int?
        var older: Int?
    }

    private var slots: [Slot?] = []
    private var freeSlots: [Int] = []
    private var index: [ListingCacheKey: Int] = [:]
    private var head: Int?
    private var tail: Int?
    private(set) var byteCount = 0

    var count: Int { index.count }

    mutating func use(_ key: ListingCacheKey) -> SharedBody? {
        guard let slot = index[key] else { return nil }
        unlink(slot)
        linkAsNewest(slot)
        return slots[slot]?.body
    }

    mutating func insert(_ body: SharedBody, for key: ListingCacheKey) {
        if let existing = index[key] { remove(existing) }
        let entry = Slot(key: key, body: body, newer: nil, older: nil)
        let slot: Int
        if let free = freeSlots.popLast() {
            slot = free
            slots[slot] = entry
        } else {
            slot = slots.count
            slots.append(entry)
        }
        index[key] = slot
        byteCount += ListingCache.cost(ofBody: body.bytes.count)
        linkAsNewest(slot)
    }

    mutating func removeLeastRecentlyUsed() {
        guard let tail else { return }
        remove(tail)
    }

    private mutating func remove(_ slot: Int) {
        guard let entry = slots[slot] else { return }
        unlink(slot)
        index[entry.key] = nil
        byteCount -= ListingCache.cost(ofBody: entry.body.bytes.count)
        slots[slot] = nil
        freeSlots.append(slot)
    }

    private mutating func unlink(_ slot: Int) {
        guard let entry = slots[slot] else { return }
        if let newer = entry.newer { slots[newer]?.older = entry.older } else { head = entry.older }
        if let older = entry.older { slots[older]?.newer = entry.newer } else { tail = entry.newer }
        slots[slot]?.newer = nil
        slots[slot]?.older = nil
    }

    private mutating func linkAsNewest(_ slot: Int) {
        slots[slot]?.older = head
        if let head { slots[head]?.newer = slot }
        head = slot
        if tail == nil { tail = slot }
    }
}

/// Listings being recorded now, and listings found unstorable (forgotten all at once past `memory`).
private struct Recordings {
    static let memory = 1024

    private var inFlight: Set<ListingCacheKey> = []
    private var unstorable: Set<ListingCacheKey> = []

    mutating func begin(_ key: ListingCacheKey) -> Bool {
        guard !unstorable.contains(key) else { return false }
        return inFlight.insert(key).inserted
    }

    mutating func end(_ key: ListingCacheKey, unstorable isUnstorable: Bool) {
        inFlight.remove(key)
        guard isUnstorable else { return }
        if unstorable.count >= Self.memory { unstorable.removeAll() }
        unstorable.insert(key)
    }
}
