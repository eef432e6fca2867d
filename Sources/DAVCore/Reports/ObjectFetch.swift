/// Reads the objects named by the hrefs of a multiget report (RFC 4791 §7.9, RFC 6352 §8.7): one backend read per
/// collection, results in the order of the hrefs, missing ones left out.
public enum ObjectFetch {
    /// The objects at `paths` that exist, in the order of `paths`.
    public static func objects(at paths: [DAVPath], from backend: any ObjectBackend, as principal: Principal) throws
        -> [StoredObject]
    {
        var byCollection: [DAVPath: [String]] = [:]
        var collectionOrder: [DAVPath] = []
        for path in paths where !path.segments.isEmpty {
            guard let parent = path.parent?.asCollection(true) else { continue }
            if byCollection[parent] == nil { collectionOrder.append(parent) }
            byCollection[parent, default: []].append(path.lastSegment)
        }
        var found: [DAVPath: StoredObject] = [:]
        for collection in collectionOrder {
            for object in try backend.objects(named: byCollection[collection] ?? [], in: collection, as: principal) {
                found[object.resource.path] = object
            }
        }
        var seen: Set<DAVPath> = []
        return paths.compactMap { path in
            guard seen.insert(path).inserted else { return nil }
            return found[path]
        }
    }
}
