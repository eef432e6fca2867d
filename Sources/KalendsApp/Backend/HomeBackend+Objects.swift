import DAVCore
import DAVXML
import Foundation
import HTTPWire
import Store

extension HomeBackend: ObjectBackend {
    func makeCollection(at path: DAVPath, kind: ResourceKind, properties: [XMLTree], as principal: Principal) throws
        -> DAVResource
    {
        let location = try authorize(path, for: principal)
        let type: CollectionType =
            switch kind {
            case .calendar: .calendar
            case .addressBook: .addressBook
            default: .plain
            }
        return try mapErrors {
            Self.resource(
                try store.createCollection(
                    at: location.storePath,
                    type: type,
                    properties: properties.map(Self.deadProperty)
                ),
                at: path
            )
        }
    }

    func resourceAndParent(at path: DAVPath, as principal: Principal) throws -> (
        resource: DAVResource?, parent: DAVResource?
    ) {
        guard let parentPath = path.parent, !SynthesisedResources.contains(path),
            !SynthesisedResources.contains(parentPath)
        else {
            let resource = try resource(at: path, as: principal)
            return (resource, try path.parent.flatMap { try self.resource(at: $0, as: principal) })
        }
        let location = try authorize(path, for: principal)
        _ = try authorize(parentPath, for: principal)
        return try mapErrors {
            let generation = store.collectionGeneration
            let (node, parent) = try store.nodeAndParent(at: location.storePath)
            if let parent, Self.holdsObjects(parent) { store.rememberCollection(parent, since: generation) }
            return (node.map { Self.resource($0, at: path) }, parent.map { Self.resource($0, at: parentPath) })
        }
    }

    func putObject(
        at path: DAVPath,
        bytes: [UInt8],
        contentType: String,
        summary: ObjectSummary,
        precondition: (DAVResource?) throws -> Void,
        as principal: Principal
    ) throws -> (resource: DAVResource, created: Bool) {
        try putObject(
            at: path,
            expectedParentID: nil,
            bytes: bytes,
            contentType: contentType,
            summary: summary,
            precondition: precondition,
            as: principal
        )
    }

    /// Stores an object with its index entry in one transaction; with `expectedParentID` only into that
    /// collection (409 when another has taken its place).
    func putObject(
        at path: DAVPath,
        expectedParentID: Int64?,
        bytes: [UInt8],
        contentType: String,
        summary: ObjectSummary,
        precondition: (DAVResource?) throws -> Void,
        as principal: Principal
    ) throws -> (resource: DAVResource, created: Bool) {
        let location = try authorize(path, for: principal)
        return try mapErrors {
            let result = try store.putResource(
                at: location.storePath,
                contentType: contentType,
                bytes: bytes,
                index: ObjectIndexEntry(
                    uid: summary.uid,
                    component: summary.component,
                    spanStart: summary.spanStart,
                    spanEnd: summary.spanEnd,
                    exactInstances: summary.exactInstances?.map { IndexedInstance(start: $0.start, end: $0.end) },
                    searchValues: Self.storeValues(summary.searchValues)
                ),
                expectedParentID: expectedParentID,
                precondition: { node in try precondition(node.map { Self.resource($0, at: path) }) }
            )
            return (Self.resource(result.node, at: path), result.created)
        }
    }

    func objects(
        in collection: DAVPath,
        component: String?,
        from start: Int64?,
        to end: Int64?,
        content: Bool,
        as principal: Principal
    )
        throws -> [StoredObject]
    {
        let location = try authorize(collection, for: principal)
        return try mapErrors {
            var rows = try store.indexedObjects(
                in: location.storePath,
                component: component,
                from: start,
                to: end,
                content: content
            )
            var objects: [StoredObject] = []
            objects.reserveCapacity(rows.count)
            // The rows are moved out from the last, not copied, and the objects put back in order.
            while let (member, content, exactRangeHit) = rows.popLast() {
                objects.append(
                    try storedObject(Self.resource(member, in: collection), content, exactRangeHit: exactRangeHit)
                )
            }
            // Reversing the buffer moves the objects; `Array.reverse` copies them.
            objects.withUnsafeMutableBufferPointer { $0.reverse() }
            return objects
        }
    }

    /// Each object's path is the one it was asked by, made a non-collection path, so no path is built per row.
    func objects(at paths: [DAVPath], in collection: DAVPath, as principal: Principal) throws -> [(
        position: Int, object: StoredObject
    )] {
        let location = try authorize(collection, for: principal)
        return try mapErrors {
            var rows = try store.resources(named: paths.map(\.lastSegment), in: location.storePath)
            var objects: [(position: Int, object: StoredObject)] = []
            objects.reserveCapacity(rows.count)
            // The rows are moved out from the last, not copied.
            while let (position, member, content) = rows.popLast() {
                let resource = Self.resource(member, at: paths[position].asCollection(false))
                objects.append((position, try storedObject(resource, content)))
            }
            return objects
        }
    }

    func storedObject(_ node: StoreNode, _ content: StoredContent, in collection: DAVPath) throws
        -> StoredObject
    {
        let path = collection.asCollection(true).appending(node.name) ?? collection
        return try storedObject(Self.resource(node, at: path), content)
    }

    /// The object `resource` with its content, read from its blob file when it is not inline.
    func storedObject(_ resource: DAVResource, _ content: StoredContent, exactRangeHit: Bool? = nil) throws
        -> StoredObject
    {
        switch content {
        case .inline(let bytes):
            return StoredObject(resource: resource, bytes: bytes, exactRangeHit: exactRangeHit)
        case .file(let file, _):
            guard let data = FileManager.default.contents(atPath: file) else {
                throw DAVError(.internalServerError, "The content of \(resource.path) is missing.")
            }
            return StoredObject(resource: resource, bytes: Array(data), exactRangeHit: exactRangeHit)
        }
    }

    static func deadProperty(_ tree: XMLTree) -> DeadProperty {
        DeadProperty(
            namespace: tree.name.namespace,
            name: tree.name.localName,
            xml: String(decoding: XMLWriter.fragment(tree), as: UTF8.self)
        )
    }
}
