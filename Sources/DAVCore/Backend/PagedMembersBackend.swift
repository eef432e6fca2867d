/// A backend that lists a collection's members a page at a time, so a PROPFIND with `Depth: 1` (RFC 4918 §9.1) or an
/// initial `sync-collection` (RFC 6578 §3.4) over 100,000 members never holds them all.
public protocol PagedMembersBackend: DAVBackend {
    /// Up to `limit` direct members of the collection at `path` whose names sort after `name` by their UTF-8 bytes,
    /// in that order; from the first member when `name` is nil. Throws `DAVError`.
    func members(of path: DAVPath, after name: String?, limit: Int, as principal: Principal) throws -> [DAVResource]
}
