import Synchronization

/// The dead properties of single nodes recently read, so that a PUT into a calendar does not query the
/// collection's `supported-calendar-component-set` (RFC 4791 §5.2.3) every time.
///
/// Every write that can change the properties of an existing node (PROPPATCH, collection creation, COPY) calls
/// `invalidate()` after it commits, which empties the cache and bumps the generation; a reader stores what it read
/// only if the generation it saw before its query is still current. Node ids are never reused (`AUTOINCREMENT`),
/// so deleted nodes need no invalidation.
final class PropertyCache: Sendable {
    private struct State {
        var generation: UInt64 = 0
        var properties: [Int64: [DeadProperty]] = [:]
    }

    /// Most nodes kept; the cache starts over when full.
    static let limit = 1024

    private let state = Mutex(State())

    /// The current generation, to pass to `store(_:of:since:)`.
    var generation: UInt64 { state.withLock { $0.generation } }

    /// The cached properties of a node, nil when not cached.
    func properties(of nodeID: Int64) -> [DeadProperty]? {
        state.withLock { $0.properties[nodeID] }
    }

    /// Caches the properties of a node read by a query begun at `generation`.
    func store(_ properties: [DeadProperty], of nodeID: Int64, since generation: UInt64) {
        state.withLock { state in
            guard state.generation == generation else { return }
            if state.properties.count >= Self.limit { state.properties.removeAll(keepingCapacity: true) }
            state.properties[nodeID] = properties
        }
    }

    /// Forgets everything; called after every write that may change dead properties.
    func invalidate() {
        state.withLock { state in
            state.generation &+= 1
            state.properties.removeAll()
        }
    }
}
