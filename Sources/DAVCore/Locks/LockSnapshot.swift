/// The locks around the resources of one response, read once so that `DAV:lockdiscovery` (RFC 4918 §15.8) costs
/// one query per PROPFIND rather than one per resource.
public struct LockSnapshot: Sendable {
    /// Unexpired locks rooted at, above or below the request URI.
    public var locks: [ActiveLock]
    /// The time the snapshot was taken, epoch seconds, for the `timeout` left.
    public var now: Int64

    /// Creates a snapshot.
    public init(locks: [ActiveLock], now: Int64) {
        self.locks = locks
        self.now = now
    }

    /// No locks (a server without locking, or a response that does not discover locks).
    public static let empty = LockSnapshot(locks: [], now: 0)

    /// The locks whose scope includes `path`, oldest first.
    public func locks(covering path: DAVPath) -> [ActiveLock] {
        locks.filter { $0.covers(path) }.sorted { ($0.created, $0.token) < ($1.created, $1.token) }
    }
}
