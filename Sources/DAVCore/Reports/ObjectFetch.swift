/// Reads the objects named by the hrefs of a multiget report (RFC 4791 §7.9, RFC 6352 §8.7): one backend read per
/// collection, results in the order of the hrefs.
public enum ObjectFetch {
    /// The objects at `paths` that exist, in the order of `paths` and each once, and the paths that name nothing
    /// (each as often as it was asked for), in their order. Paths are grouped by collection by comparing segments,
    /// so the usual multiget — every href in one collection — hashes no paths.
    public static func fetch(_ paths: [DAVPath], from backend: any ObjectBackend, as principal: Principal) throws
        -> (found: [StoredObject], missing: [DAVPath])
    {
        var collections: [(path: DAVPath, names: [String])] = []
        var collectionIndex: [DAVPath: Int] = [:]
        var collectionOf: [Int?] = []
        collectionOf.reserveCapacity(paths.count)
        var last: (segments: [String], index: Int)?
        for path in paths {
            let segments = path.segments
            guard !segments.isEmpty else {
                collectionOf.append(nil)
                continue
            }
            let index: Int
            if let last, segments.count == last.segments.count + 1, segments.starts(with: last.segments) {
                index = last.index
            } else {
                guard let collection = path.parent else {
                    collectionOf.append(nil)
                    continue
                }
                if let known = collectionIndex[collection] {
                    index = known
                } else {
                    index = collections.count
                    collections.append((collection, []))
                    collectionIndex[collection] = index
                }
                last = (collection.segments, index)
            }
            collections[index].names.append(segments[segments.count - 1])
            collectionOf.append(index)
        }
        var fetched: [StoredObject?] = []
        var indexByName: [[String: Int]] = []
        for collection in collections {
            var indices: [String: Int] = [:]
            var objects = try backend.objects(named: collection.names, in: collection.path, as: principal)
            indices.reserveCapacity(objects.count)
            fetched.reserveCapacity(fetched.count + objects.count)
            while let object = objects.popLast() {
                indices[object.resource.path.lastSegment] = fetched.count
                fetched.append(object)
            }
            indexByName.append(indices)
        }
        var found: [StoredObject] = []
        var missing: [DAVPath] = []
        found.reserveCapacity(fetched.count)
        for (path, collection) in zip(paths, collectionOf) {
            guard let collection, let index = indexByName[collection][path.lastSegment] else {
                missing.append(path)
                continue
            }
            // Each object moves to `found` at its first href; a repeated href finds nil and is skipped.
            if let object = fetched[index].take() { found.append(object) }
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
