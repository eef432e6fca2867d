import DAVXML
import Synchronization

/// The parsed dead properties of collections PUT writes into, by node id, each tagged with the store's collection
/// generation read before they were: every write that can change a collection's properties (PROPPATCH, MKCOL,
/// COPY, MOVE, DELETE) changes that generation, so an entry whose tag is no longer current is never used. Saves a
/// PUT into a calendar fetching and matching all the calendar's properties (a `calendar-timezone` among them) to
/// read its `supported-calendar-component-set`. Bounded: it starts over when full.
final class CollectionPropertyCache: Sendable {
    private struct Entry {
        var generation: UInt64
        var properties: [XMLTree]
    }

    private let entries = Mutex<[Int64: Entry]>([:])
    private let limit: Int

    init(limit: Int = 1024) { self.limit = limit }

    /// The properties of collection `id` cached at `generation`, nil when none are.
    func properties(of id: Int64, at generation: UInt64) -> [XMLTree]? {
        entries.withLock { entries in
            entries[id].flatMap { $0.generation == generation ? $0.properties : nil }
        }
    }

    /// Caches the properties of collection `id`, read after `generation` was current.
    func store(_ properties: [XMLTree], of id: Int64, at generation: UInt64) {
        entries.withLock { entries in
            if entries.count >= limit { entries.removeAll(keepingCapacity: true) }
            entries[id] = Entry(generation: generation, properties: properties)
        }
    }
}
