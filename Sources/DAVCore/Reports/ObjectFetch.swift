/// Reads the objects named by the hrefs of a multiget report (RFC 4791 §7.9, RFC 6352 §8.7): one backend read per
/// collection, results in the order of the hrefs.
public enum ObjectFetch {
    /// The objects at `paths` that exist, in the order of `paths` and each once, and the paths that name nothing
    /// (each as often as it was asked for), in their order. Paths are grouped by collection by comparing segments,
    /// so the usual multiget — every href in one collection — hashes no paths; the backend tells for each object
    /// the position of its path, so the objects are placed without comparing names.
    public static func fetch(_ paths: [DAVPath], from backend: any ObjectBackend, as principal: Principal) throws
        -> (found: [StoredObject], missing: [DAVPath])
    {
        // For each collection, its paths and the position of each in `paths`.
        var collections: [(path: DAVPath, members: [DAVPath], positions: [Int])] = []
        var collectionIndex: [DAVPath: Int] = [:]
        var last: (segments: [String], index: Int)?
        for (position, path) in paths.enumerated() {
            let segments = path.segments
            guard !segments.isEmpty else { continue }
            let index: Int
            if let last, segments.count == last.segments.count + 1, segments.starts(with: last.segments) {
                index = last.index
            } else {
                guard let collection = path.parent else { continue }
                if let known = collectionIndex[collection] {
                    index = known
                } else {
                    index = collections.count
                    collections.append((collection, [], []))
                    collectionIndex[collection] = index
                }
                last = (collection.segments, index)
            }
            collections[index].members.append(path)
            collections[index].positions.append(position)
        }
        var slots = [StoredObject?](repeating: nil, count: paths.count)
        for collection in collections {
            var objects = try backend.objects(at: collection.members, in: collection.path, as: principal)
            while let (position, object) = objects.popLast() {
                slots[collection.positions[position]] = object
            }
        }
        var found: [StoredObject] = []
        var missing: [DAVPath] = []
        found.reserveCapacity(paths.count)
        // A path named twice finds its object again; it is answered at its first href only.
        var seen = Set<Int64>(minimumCapacity: paths.count)
        for position in paths.indices {
            guard let object = slots[position].take() else {
                missing.append(paths[position])
                continue
            }
            if seen.insert(object.resource.identifier).inserted { found.append(object) }
        }
        return (found, missing)
    }

    /// The objects at `paths` that exist, in the order of `paths`, each once.
    public static func objects(at paths: [DAVPath], from backend: any ObjectBackend, as principal: Principal) throws
        -> [StoredObject]
    {
        try fetch(paths, from: backend, as: principal).found
    }
}
