import DAVXML
import HTTPWire
import Synchronization

/// The `DAV:response` elements of objects in object reports (RFC 4791 §7.8–§7.9, RFC 6352 §8.6–§8.7), kept by
/// report shape and object, so a client asking again for objects it was sent before — the same month, the same
/// search, a multiget of objects a query sent — gets their responses copied instead of rendered and escaped anew.
///
/// A response is a function of the object's row and bytes and of the report's shape (`ReportShape`: the
/// collection, the properties asked for, how the data property is rendered). Only shapes whose properties are
/// protected live properties taken from the row alone are kept (`PropertyRegistry.dependOnlyOnRows`), and only
/// when the report vouches that its data property depends on nothing but the stored bytes and its render key. A
/// response is used only for a resource equal to the one it was written for — same row id, path, entity tag,
/// times, type and length — and the entity tag is a digest of the bytes, so a changed object never gets its old
/// response. Bounded by a byte budget: when it is full, the least recently used shapes go first, then the oldest
/// responses of the shape being added to. Shared by all worker threads (Docs/decisions/0017).
///
/// A shape also keeps the whole answers of queries (`QueryAnswerKey`): which responses, in order, and what
/// follows them, for a query on a collection at one revision of its change log. An answer shares its responses'
/// bytes with the kept responses; it is kept only when all its responses are, and dropped with the shape or as
/// soon as any response of the shape is dropped or replaced, so it never holds bytes the budget does not count
/// (Docs/decisions/0018).
public final class ReportFragmentCache: Sendable {
    /// One kept response.
    private struct Fragment {
        let resource: DAVResource
        let bytes: [UInt8]
        /// Which keeping of the shape this is (see `Shape.order`).
        var number = 0

        init(resource: DAVResource, bytes: [UInt8]) {
            self.resource = resource
            self.bytes = bytes
        }

        init(_ fragment: Fragment, number: Int) {
            self = fragment
            self.number = number
        }

        /// The bytes, and about what the entry, its resource's path and a dictionary slot take.
        var cost: Int { bytes.count + 256 }
    }

    /// A query's whole answer: the responses in order and the bytes after them, at one collection revision; once
    /// it has been sent again, also the whole body it was sent as, behind `head`.
    struct Answer {
        let collection: Int64
        let revision: Int64
        let responses: [[UInt8]]
        let trailer: [UInt8]
        var whole: (head: [UInt8], body: SharedBody)?

        /// What the answer adds to its responses: its list and trailer, and its whole body with room for that
        /// body's gzip form.
        var cost: Int {
            let list = responses.count * MemoryLayout<[UInt8]>.stride + trailer.count + 256
            guard let whole else { return list }
            return list + ListingCache.cost(ofBody: whole.body.bytes.count)
        }
    }

    private struct Shape {
        var fragments: [Int64: Fragment] = [:]
        var bytes = 0
        var lastUse: UInt64 = 0
        /// Changes whenever a response of the shape is dropped or replaced (see `Answer`).
        var generation: UInt64
        /// Whole answers by query.
        var answers: [QueryAnswerKey.Query: Answer] = [:]
        /// Most answers a shape keeps; more are rare (one collection, one set of properties, many filters).
        static let answerLimit = 16

        init(generation: UInt64) { self.generation = generation }
        /// The rows in the order their responses were kept, from `orderStart` on; some may have been replaced.
        var order: [(row: Int64, fragment: Int)] = []
        var orderStart = 0
        /// Counts responses kept, to tell a replaced one in `order` from the current one.
        var kept = 0

        /// Keeps `fragment` for `row`; returns the change in bytes. Replacing a response drops the answers, which
        /// may hold its bytes, and moves the shape to `generation`.
        mutating func insert(_ fragment: Fragment, for row: Int64, generation: UInt64) -> Int {
            kept += 1
            let replaced = fragments.updateValue(Fragment(fragment, number: kept), forKey: row)
            order.append((row, kept))
            let change = fragment.cost - (replaced?.cost ?? 0)
            bytes += change
            guard replaced != nil else { return change }
            return change - dropAnswers(generation: generation)
        }

        /// Drops every answer and moves the shape to `generation`; returns the bytes freed.
        mutating func dropAnswers(generation: UInt64) -> Int {
            self.generation = generation
            let freed = answers.values.reduce(0) { $0 + $1.cost }
            answers.removeAll()
            bytes -= freed
            return freed
        }

        /// Drops the responses kept first until `bytes` are freed or none is left, and with them every answer;
        /// returns the bytes freed.
        mutating func evict(atLeast wanted: Int, generation: UInt64) -> Int {
            var freed = dropAnswers(generation: generation)
            while freed < wanted, orderStart < order.count {
                let (row, number) = order[orderStart]
                orderStart += 1
                guard let fragment = fragments[row], fragment.number == number else { continue }
                fragments[row] = nil
                bytes -= fragment.cost
                freed += fragment.cost
            }
            if orderStart > 1024, 2 * orderStart > order.count {
                order.removeFirst(orderStart)
                orderStart = 0
            }
            return freed
        }
    }

    private struct State {
        var shapes: [ReportShape: Shape] = [:]
        var total = 0
        var clock: UInt64 = 0
        /// The last shape generation handed out; each is used once.
        var generations: UInt64 = 0

        mutating func nextGeneration() -> UInt64 {
            generations += 1
            return generations
        }
    }

    /// The most bytes the responses may take together.
    public let budget: Int
    private let state = Mutex(State())

    /// Creates an empty cache holding at most `budget` bytes of responses.
    public init(budget: Int) {
        self.budget = budget
    }

    /// The kept response of each of `objects` in `shape`, in order (nil for those without one), and the shape's
    /// generation (nil when nothing is kept in it). The objects are read where they are, not copied.
    func responses(of objects: ArraySlice<StoredObject>, in shape: ReportShape) -> (
        responses: [[UInt8]?], generation: UInt64?
    ) {
        objects.withUnsafeBufferPointer { objects in
            state.withLock { state in
                guard let entry = state.shapes[shape] else {
                    return (Array(repeating: nil, count: objects.count), nil)
                }
                state.clock += 1
                state.shapes[shape]?.lastUse = state.clock
                let responses = objects.indices.map { index -> [UInt8]? in
                    guard let fragment = entry.fragments[objects[index].resource.identifier],
                        fragment.resource == objects[index].resource
                    else { return nil }
                    return fragment.bytes
                }
                return (responses, entry.generation)
            }
        }
    }

    /// The answer kept in `shape` for the query and collection revision of `key`.
    func answer(for key: QueryAnswerKey, in shape: ReportShape) -> Answer? {
        state.withLock { state in
            guard let answer = state.shapes[shape]?.answers[key.query], answer.collection == key.collection,
                answer.revision == key.revision
            else { return nil }
            state.clock += 1
            state.shapes[shape]?.lastUse = state.clock
            return answer
        }
    }

    /// Keeps the answer to the query of `key` — `responses`, all kept in `shape` while it was at `generation`, then
    /// `trailer` — when the shape is still at that generation and the budget has room without dropping anything.
    func keepAnswer(
        _ responses: [[UInt8]],
        trailer: [UInt8],
        for key: QueryAnswerKey,
        in shape: ReportShape,
        generation: UInt64
    ) {
        let answer = Answer(
            collection: key.collection,
            revision: key.revision,
            responses: responses,
            trailer: trailer,
            whole: nil
        )
        let replaced: Answer? = state.withLock { state in
            guard var entry = state.shapes[shape], entry.generation == generation else { return nil }
            let old = entry.answers[key.query]
            if old == nil, entry.answers.count >= Shape.answerLimit {
                state.total -= entry.dropAnswers(generation: state.nextGeneration())
            }
            let change = answer.cost - (old?.cost ?? 0)
            guard state.total + change <= budget else {
                state.shapes[shape] = entry
                return nil
            }
            entry.answers[key.query] = answer
            entry.bytes += change
            state.total += change
            state.shapes[shape] = entry
            return old
        }
        _ = replaced  // released here, outside the lock
    }

    /// Keeps `body`, the whole response of the answer kept for `key` in `shape` — `head` and then that answer's
    /// responses and trailer — so that later clients are sent it without a copy, when the answer is still kept,
    /// has no body yet, and the budget has room for the body and its gzip form.
    func keepWholeBody(_ body: SharedBody, head: [UInt8], for key: QueryAnswerKey, in shape: ReportShape) {
        state.withLock { state in
            guard var entry = state.shapes[shape], var answer = entry.answers[key.query],
                answer.collection == key.collection, answer.revision == key.revision, answer.whole == nil
            else { return }
            let change = ListingCache.cost(ofBody: body.bytes.count)
            guard state.total + change <= budget else { return }
            answer.whole = (head, body)
            entry.answers[key.query] = answer
            entry.bytes += change
            state.total += change
            state.shapes[shape] = entry
        }
    }

    /// Keeps the response of each resource in `shape`, replacing what was kept for the same row. When the budget
    /// is full, the least recently used other shapes go first, then the responses of `shape` kept first (a client
    /// that moves on to another month finds more of it at each request); if the new responses alone are over the
    /// budget, as many as fit are kept.
    ///
    /// Returns the shape's generation afterwards, and whether every response was kept.
    @discardableResult
    func keep(_ responses: [(resource: DAVResource, bytes: [UInt8])], in shape: ReportShape) -> (
        generation: UInt64?, keptAll: Bool
    ) {
        guard !responses.isEmpty else { return (state.withLock { $0.shapes[shape]?.generation }, true) }
        let (released, generation, keptAll): ([Shape], UInt64, Bool) = state.withLock { state in
            let adding = responses.reduce(0) { $0 + $1.bytes.count + 256 }
            var released: [Shape] = []
            while state.total + adding > budget,
                let oldest = state.shapes.filter({ $0.key != shape }).min(by: { $0.value.lastUse < $1.value.lastUse })
            {
                state.total -= oldest.value.bytes
                released.append(state.shapes.removeValue(forKey: oldest.key) ?? Shape(generation: 0))
            }
            var entry = state.shapes.removeValue(forKey: shape) ?? Shape(generation: state.nextGeneration())
            if state.total + adding > budget {
                let wanted = state.total + adding - budget
                state.total -= entry.evict(atLeast: wanted, generation: state.nextGeneration())
            }
            state.clock += 1
            entry.lastUse = state.clock
            var keptAll = true
            for (resource, bytes) in responses {
                let fragment = Fragment(resource: resource, bytes: bytes)
                guard state.total + fragment.cost <= budget else {
                    keptAll = false
                    break
                }
                let generation = entry.fragments[resource.identifier] == nil ? entry.generation : state.nextGeneration()
                state.total += entry.insert(fragment, for: resource.identifier, generation: generation)
            }
            let generation = entry.generation
            state.shapes[shape] = entry
            return (released, generation, keptAll)
        }
        _ = released  // what was pushed out is released here, outside the lock
        return (generation, keptAll)
    }

    /// The bytes the responses take together, as counted.
    public var totalBytes: Int { state.withLock { $0.total } }
}

/// Which objects a query answers with, and what follows their responses, besides the report's shape: the query
/// (its filter and whatever else decides the matches, such as the floating time zone or a result limit) and the
/// state of the collection it searches, named by the collection's row id and the revision of its change log
/// (RFC 6578), which every change to a member advances (Docs/decisions/0018).
public struct QueryAnswerKey: Sendable {
    /// A query's `Hashable & Sendable` value, boxed.
    struct Query: Hashable, @unchecked Sendable {
        let value: AnyHashable
    }

    let query: Query
    let collection: Int64
    let revision: Int64

    /// The key of `query` on `collection` as it is now; nil when `collection` is not a collection.
    public init?(query: some Hashable & Sendable, on collection: DAVResource) {
        guard collection.isCollection else { return nil }
        self.query = Query(value: AnyHashable(query))
        self.collection = collection.identifier
        self.revision = collection.syncRevision
    }
}

/// What an object report's responses depend on besides each object: the collection, the properties asked for with
/// the data property, how the data is rendered (the report's render key, a `Sendable` value), and whether 404
/// groups are left out.
struct ReportShape: Hashable, @unchecked Sendable {
    let collection: DAVPath
    let properties: [XMLName]
    let dataProperty: XMLName?
    let renderKey: AnyHashable
    let omitsNotFound: Bool
}
