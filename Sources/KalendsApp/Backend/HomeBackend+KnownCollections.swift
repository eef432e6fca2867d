import DAVCore
import DAVXML
import Store

/// PUT into a calendar or address book without a read before the write transaction: the store remembers the
/// collections `resourceAndParent` found, and checks in the transaction that the one validated against is still
/// the parent.
extension HomeBackend: KnownCollectionBackend {
    func knownCollection(at path: DAVPath, as principal: Principal) -> DAVResource? {
        guard !SynthesisedResources.contains(path), let location = URLSpace.storeLocation(of: path),
            location.owner == principal.name, let node = store.knownCollection(at: location.storePath),
            Self.holdsObjects(node)
        else { return nil }
        return Self.resource(node, at: path)
    }

    func putObject(
        at path: DAVPath,
        into collection: DAVResource,
        bytes: [UInt8],
        contentType: String,
        summary: ObjectSummary,
        precondition: (DAVResource?) throws -> Void,
        as principal: Principal
    ) throws -> (resource: DAVResource, created: Bool) {
        try putObject(
            at: path,
            expectedParentID: collection.identifier,
            bytes: bytes,
            contentType: contentType,
            summary: summary,
            precondition: precondition,
            as: principal
        )
    }

    func deadProperties(ofCollection collection: DAVResource, as principal: Principal) throws -> [XMLTree] {
        let generation = store.collectionGeneration
        if let cached = collectionPropertyCache.properties(of: collection.identifier, at: generation) {
            _ = try authorize(collection.path, for: principal)
            return cached
        }
        let properties = try deadProperties(of: [collection], as: principal)[collection.path] ?? []
        collectionPropertyCache.store(properties, of: collection.identifier, at: generation)
        return properties
    }

    /// Whether `node` is a calendar or an address book, the collections whose objects PUT validates.
    static func holdsObjects(_ node: StoreNode) -> Bool {
        node.collectionType == .calendar || node.collectionType == .addressBook
    }
}
