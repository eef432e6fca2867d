import DAVXML
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

    private struct Shape {
        var fragments: [Int64: Fragment] = [:]
        var bytes = 0
        var lastUse: UInt64 = 0
        /// The rows in the order their responses were kept, from `orderStart` on; some may have been replaced.
        var order: [(row: Int64, fragment: Int)] = []
        var orderStart = 0
        /// Counts responses kept, to tell a replaced one in `order` from the current one.
        var kept = 0

        /// Keeps `fragment` for `row`; returns the change in bytes.
        mutating func insert(_ fragment: Fragment, for row: Int64) -> Int {
            kept += 1
            let replaced = fragments.updateValue(Fragment(fragment, number: kept), forKey: row)?.cost ?? 0
            order.append((row, kept))
            bytes += fragment.cost - replaced
            return fragment.cost - replaced
        }

        /// Drops the responses kept first until `bytes` are freed or none is left; returns the bytes freed.
        mutating func evict(atLeast wanted: Int) -> Int {
            var freed = 0
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
    }

    /// The most bytes the responses may take together.
    public let budget: Int
    private let state = Mutex(State())

    /// Creates an empty cache holding at most `budget` bytes of responses.
    public init(budget: Int) {
        self.budget = budget
    }

    /// The kept response of each of `objects` in `shape`, in order; nil for those without one. The objects are
    /// read where they are, not copied.
    func responses(of objects: ArraySlice<StoredObject>, in shape: ReportShape) -> [[UInt8]?] {
        objects.withUnsafeBufferPointer { objects in
            state.withLock { state in
                guard let entry = state.shapes[shape] else { return Array(repeating: nil, count: objects.count) }
                state.clock += 1
                state.shapes[shape]?.lastUse = state.clock
                return objects.indices.map { index in
                    guard let fragment = entry.fragments[objects[index].resource.identifier],
                        fragment.resource == objects[index].resource
                    else { return nil }
                    return fragment.bytes
                }
            }
        }
    }

    /// Keeps the response of each resource in `shape`, replacing what was kept for the same row. When the budget
    /// is full, the least recently used other shapes go first, then the responses of `shape` kept first (a client
    /// that moves on to another month finds more of it at each request); if the new responses alone are over the
    /// budget, as many as fit are kept.
    func keep(_ responses: [(resource: DAVResource, bytes: [UInt8])], in shape: ReportShape) {
        guard !responses.isEmpty else { return }
        let released: [Shape] = state.withLock { state in
            let adding = responses.reduce(0) { $0 + $1.bytes.count + 256 }
            var released: [Shape] = []
            while state.total + adding > budget,
                let oldest = state.shapes.filter({ $0.key != shape }).min(by: { $0.value.lastUse < $1.value.lastUse })
            {
                state.total -= oldest.value.bytes
                released.append(state.shapes.removeValue(forKey: oldest.key) ?? Shape())
            }
            var entry = state.shapes.removeValue(forKey: shape) ?? Shape()
            if state.total + adding > budget { state.total -= entry.evict(atLeast: state.total + adding - budget) }
            state.clock += 1
            entry.lastUse = state.clock
            for (resource, bytes) in responses {
                let fragment = Fragment(resource: resource, bytes: bytes)
                guard state.total + fragment.cost <= budget else { break }
                state.total += entry.insert(fragment, for: resource.identifier)
            }
            state.shapes[shape] = entry
            return released
        }
        _ = released  // what was pushed out is released here, outside the lock
    }

    /// The bytes the responses take together, as counted.
    public var totalBytes: Int { state.withLock { $0.total } }
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
