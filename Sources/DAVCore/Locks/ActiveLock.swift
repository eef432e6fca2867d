public import DAVXML

/// A write lock (RFC 4918 §6, §14.1 `activelock`): who holds it, where it is rooted, how deep it reaches and
/// when it expires. A row, like `DAVResource`: backends store and return it, handlers decide what it means.
public struct ActiveLock: Sendable, Hashable {
    /// Exclusive or shared (RFC 4918 §6.1, §14.13 `lockscope`).
    public enum Scope: String, Sendable, Hashable {
        /// No other lock may overlap it.
        case exclusive
        /// Other shared locks may overlap it.
        case shared
    }

    /// The lock token, a `urn:uuid:` URI (RFC 4918 §6.5); unique for all time.
    public var token: String
    /// The lock root: the URL the LOCK was addressed to (RFC 4918 §6.3).
    public var root: DAVPath
    /// Whether the lock covers the root's whole subtree (`Depth: infinity`) or the root alone (`Depth: 0`).
    public var isDeep: Bool
    /// The scope.
    public var scope: Scope
    /// The `DAV:owner` element the client supplied, returned verbatim in lock discovery (RFC 4918 §14.17).
    public var owner: XMLTree?
    /// Who took the lock.
    public var principal: Principal
    /// When it was taken, epoch seconds.
    public var created: Int64
    /// When it expires unless refreshed, epoch seconds (RFC 4918 §6.6).
    public var expires: Int64

    /// Creates a lock.
    public init(
        token: String,
        root: DAVPath,
        isDeep: Bool,
        scope: Scope,
        owner: XMLTree?,
        principal: Principal,
        created: Int64,
        expires: Int64
    ) {
        self.token = token
        self.root = root
        self.isDeep = isDeep
        self.scope = scope
        self.owner = owner
        self.principal = principal
        self.created = created
        self.expires = expires
    }

    /// Whether `path` is in the lock's scope: the root itself, or below it for a Depth-infinity lock
    /// (RFC 4918 §6.1, §7.5).
    public func covers(_ path: DAVPath) -> Bool {
        path == root || (isDeep && path.isDescendant(of: root))
    }

    /// Whether this lock and another can both exist (RFC 4918 §6.1): only two shared locks can.
    public func isCompatible(with other: ActiveLock) -> Bool {
        scope == .shared && other.scope == .shared
    }

    /// The `DAV:activelock` element (RFC 4918 §14.1) with the seconds left before `now` reaches the expiry.
    public func element(now: Int64) -> XMLTree {
        var children: [XMLTree.Node] = [
            .element(XMLTree(.dav("locktype"), children: [.element(XMLTree(.dav("write")))])),
            .element(XMLTree(.dav("lockscope"), children: [.element(XMLTree(.dav(scope.rawValue)))])),
            .element(XMLTree(.dav("depth"), text: isDeep ? "infinity" : "0")),
        ]
        if let owner { children.append(.element(owner)) }
        children += [
            .element(XMLTree(.dav("timeout"), text: "Second-\(max(0, expires - now))")),
            .element(XMLTree(.dav("locktoken"), children: [.element(XMLTree(.dav("href"), text: token))])),
            .element(XMLTree(.dav("lockroot"), children: [.element(XMLTree(.dav("href"), text: root.encoded))])),
        ]
        return XMLTree(.dav("activelock"), children: children)
    }
}
