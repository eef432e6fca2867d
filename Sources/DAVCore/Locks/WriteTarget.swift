/// What a write request changes, for the lock check (RFC 4918 §7): a resource, a whole tree, or the membership
/// of a collection. A write needs the token of every lock whose scope includes a target.
public struct WriteTarget: Sendable, Hashable {
    /// The resource written.
    public var path: DAVPath
    /// Whether everything below `path` is written too (DELETE, MOVE source, an overwritten destination), so
    /// locks rooted below it count (RFC 4918 §9.6.1, §9.9.2).
    public var includesDescendants: Bool

    /// Creates a target.
    public init(path: DAVPath, includesDescendants: Bool) {
        self.path = path
        self.includesDescendants = includesDescendants
    }

    /// The content or properties of one resource (PUT, PROPPATCH).
    public static func resource(_ path: DAVPath) -> WriteTarget {
        WriteTarget(path: path, includesDescendants: false)
    }

    /// A resource and its whole subtree (DELETE, MOVE, the destination of COPY and MOVE).
    public static func tree(_ path: DAVPath) -> WriteTarget {
        WriteTarget(path: path, includesDescendants: true)
    }

    /// The collection that gains or loses `member` (RFC 4918 §7.4: a lock on a collection, even Depth 0,
    /// protects its membership); nil for the root.
    public static func membership(of member: DAVPath) -> WriteTarget? {
        member.parent.map { WriteTarget(path: $0, includesDescendants: false) }
    }

    /// Whether `lock` protects this target.
    public func isProtected(by lock: ActiveLock) -> Bool {
        lock.covers(path) || (includesDescendants && lock.root.isDescendant(of: path))
    }
}
