public import DAVXML
import HTTPWire

/// The body of a LOCK request (RFC 4918 §14.11 `lockinfo`): the scope, the type (only `write` exists) and the
/// optional owner, kept verbatim.
public struct LockInfo: Sendable, Equatable {
    /// Exclusive or shared.
    public var scope: ActiveLock.Scope
    /// The `DAV:owner` element, if given.
    public var owner: XMLTree?

    /// Decodes a `DAV:lockinfo` element; 400 when it is something else, lacks a scope or asks for a lock type
    /// other than `write` (RFC 4918 §14.15).
    public init(_ body: XMLTree) throws {
        guard body.name == .dav("lockinfo") else {
            throw DAVError(.badRequest, "The body of LOCK must be a DAV:lockinfo element, not \(body.name).")
        }
        switch body.child(.dav("lockscope"))?.elements.first?.name {
        case .dav("exclusive")?: scope = .exclusive
        case .dav("shared")?: scope = .shared
        default: throw DAVError(.badRequest, "DAV:lockinfo needs a lockscope of exclusive or shared.")
        }
        guard body.child(.dav("locktype"))?.child(.dav("write")) != nil else {
            throw DAVError(.badRequest, "DAV:lockinfo needs a locktype of write, the only lock type.")
        }
        owner = body.child(.dav("owner"))
    }
}
