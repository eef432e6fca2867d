import DAVCore
import Store

extension HomeBackend: PagedMembersBackend {
    /// One page of a collection's members by name, each page its own read transaction (RFC 4918 §9.1 listings and
    /// RFC 6578 initial sync, streamed). Synthesised collections are short and come whole in the first page.
    func members(of path: DAVPath, after name: String?, limit: Int, as principal: Principal) throws -> [DAVResource] {
        if SynthesisedResources.contains(path) { return name == nil ? try members(of: path, as: principal) : [] }
        let location = try authorize(path, for: principal)
        return try mapErrors {
            try store.members(of: location.storePath, after: name, limit: limit).map { Self.resource($0, in: path) }
        }
    }
}
