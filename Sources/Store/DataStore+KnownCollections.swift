extension DataStore {
    /// The current generation of the collection cache: read it before a query whose collections are then passed
    /// to `rememberCollection(_:since:)`.
    public var collectionGeneration: UInt64 { collectionCache.generation }

    /// Remembers a collection read by a query begun at `generation`, unless a write that may change collections
    /// (anything but a resource PUT) has ended since; resources are ignored.
    public func rememberCollection(_ node: StoreNode, since generation: UInt64) {
        guard node.isCollection else { return }
        collectionCache.remember(node, since: generation)
    }

    /// The collection last remembered at `path`, nil when none is. It is up to date as far as this process's
    /// writes go; another process may have replaced it, which `putResource(…expectedParentID:…)` notices.
    public func knownCollection(at path: String) -> StoreNode? {
        collectionCache.collection(at: path)
    }
}

extension DataStore {
    /// Inside a write: the node at `path` (nil if none) and the collection that will hold it, as
    /// `WriteContext.nodeAndParentCollection(at:)` finds them; with `expectedID`, `.conflict` when that collection is
    /// another than the one expected. Either failure empties the collection cache, which may have offered the
    /// expected one.
    func nodeAndParentCollection(at path: String, expecting expectedID: Int64?, in context: WriteContext)
        throws(StoreError) -> (node: StoreNode?, parent: StoreNode)
    {
        guard let expectedID else { return try context.nodeAndParentCollection(at: path) }
        do throws(StoreError) {
            let found = try context.nodeAndParentCollection(at: path)
            guard found.parent.id == expectedID else {
                throw StoreError.conflict("The collection of \(path) was replaced while the request ran.")
            }
            return found
        } catch {
            collectionCache.invalidate()
            throw error
        }
    }
}
