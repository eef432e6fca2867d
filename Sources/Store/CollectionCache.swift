import Synchronization

/// Collections by path as recently read, so that a PUT into a calendar or address book needs no read before its
/// write transaction.
///
/// Every write transaction except a resource PUT bumps the generation when it ends, committed or not, which empties
/// the cache (see `DataStore.write(changingCollections:_:)`); a reader remembers what it read only if the generation it
/// saw before its query is still current. An entry can still be out of date when another process changed the
/// database, so `putResource` checks the parent it was given against the one it reads in its transaction.
final class CollectionCache: Sendable {
    private struct State {
        var generation: UInt64 = 0
        var collections: [String: StoreNode] = [:]
    }

    /// Most collections kept; the cache starts over when full.
    static let limit = 1024

    private let state = Mutex(State())

    /// The current generation, to pass to `remember(_:since:)`.
    var generation: UInt64 { state.withLock { $0.generation } }

    /// The cached collection at `path`, nil when none is cached.
    func collection(at path: String) -> StoreNode? {
        state.withLock { $0.collections[path] }
    }

    /// Caches a collection read by a query begun at `generation`.
    func remember(_ collection: StoreNode, since generation: UInt64) {
        state.withLock { state in
            guard state.generation == generation else { return }
            if state.collections.count >= Self.limit { state.collections.removeAll(keepingCapacity: true) }
            state.collections[collection.path] = collection
        }
    }

    /// Forgets everything; called when every write that may change collections ends.
    func invalidate() {
        state.withLock { state in
            state.generation &+= 1
            state.collections.removeAll()
        }
    }
}
