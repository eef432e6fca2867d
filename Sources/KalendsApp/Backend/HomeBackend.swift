import DAVCore
import DAVXML
import Foundation
import HTTPWire
import Logging
import Store

/// The DAV backend over the SQLite store for everything under `/dav/home/`: maps DAV paths to store paths,
/// enforces that a user reaches only their own home, and turns store errors into DAV errors.
struct HomeBackend: DAVBackend {
    let store: DataStore
    /// Parsed dead-property values, shared by every request.
    let deadPropertyCache = DeadPropertyCache()
    /// The dead properties of the collections PUT writes into.
    let collectionPropertyCache = CollectionPropertyCache()
    /// Whether PUT discards macOS metadata files (`webdav.ignore_apple_metadata`, see `AppleMetadata`).
    var discardsAppleMetadata = false
    /// Where storage failures (full disk, I/O and database errors) are logged; clients see only a status.
    var logger: Logger?

    func resource(at path: DAVPath, as principal: Principal) throws -> DAVResource? {
        if let user = PrincipalCard.user(at: path) {
            return try mapErrors { try store.user(named: user).map { PrincipalCard.resource(of: $0).0 } }
        }
        if SynthesisedResources.contains(path) {
            return try mapErrors {
                try SynthesisedResources.resource(at: path, for: principal.name) { try store.user(named: $0) != nil }
            }
        }
        let location = try authorize(path, for: principal)
        return try mapErrors { try store.node(at: location.storePath).map { Self.resource($0, at: path) } }
    }

    func members(of path: DAVPath, as principal: Principal) throws -> [DAVResource] {
        if SynthesisedResources.contains(path) {
            if path == URLSpace.homeRoot, let home = try resource(at: URLSpace.home(of: principal.name), as: principal)
            {
                return [home]
            }
            return SynthesisedResources.members(of: path, for: principal.name) ?? []
        }
        let location = try authorize(path, for: principal)
        return try mapErrors {
            try store.children(of: location.storePath).map { node in
                Self.resource(node, at: path.appending(node.name, isCollection: node.isCollection) ?? path)
            }
        }
    }

    func content(at path: DAVPath, as principal: Principal) throws -> (DAVResource, DAVContent)? {
        if let user = PrincipalCard.user(at: path) {
            return try mapErrors {
                try store.user(named: user).map { user in
                    let (resource, bytes) = PrincipalCard.resource(of: user)
                    return (resource, .bytes(bytes))
                }
            }
        }
        let location = try authorize(path, for: principal)
        return try mapErrors {
            guard let (node, content) = try store.content(at: location.storePath) else { return nil }
            switch content {
            case .inline(let bytes): return (Self.resource(node, at: path), .bytes(bytes))
            case .file(let file, let length): return (Self.resource(node, at: path), .file(path: file, length: length))
            }
        }
    }

    func putFile(
        at path: DAVPath,
        contentType: String?,
        body: BodySource,
        precondition: (DAVResource?) throws -> Void,
        as principal: Principal
    ) throws -> (resource: DAVResource, created: Bool) {
        let location = try authorize(path, for: principal)
        guard path.segments.count > 3 else { throw DAVError(.methodNotAllowed, "The home collection is not a file.") }
        if discardsAppleMetadata, AppleMetadata.isMetadataName(path.lastSegment) {
            return try AppleMetadata.discard(body, at: path)
        }
        return try mapErrors {
            let result = try store.putResource(
                at: location.storePath,
                contentType: contentType,
                read: body,
                precondition: { node in try precondition(node.map { Self.resource($0, at: path) }) }
            )
            return (Self.resource(result.node, at: path), result.created)
        }
    }

    func delete(at path: DAVPath, precondition: (DAVResource) throws -> Void, as principal: Principal) throws {
        let location = try authorize(path, for: principal)
        guard path.segments.count > 3 else { throw DAVError(.forbidden, "A home collection cannot be deleted.") }
        _ = try mapErrors {
            try store.delete(
                at: location.storePath,
                precondition: { node in try precondition(Self.resource(node, at: path)) }
            )
        }
    }

    func makeCollection(at path: DAVPath, as principal: Principal) throws -> DAVResource {
        let location = try authorize(path, for: principal)
        return try mapErrors {
            Self.resource(try store.createCollection(at: location.storePath, type: .plain), at: path)
        }
    }

    func transfer(from source: DAVPath, to destination: DAVPath, move: Bool, shallow: Bool, as principal: Principal)
        throws -> Bool
    {
        let from = try authorize(source, for: principal)
        let to = try authorize(destination, for: principal)
        guard source.segments.count > 3, destination.segments.count > 3 else {
            throw DAVError(.forbidden, "A home collection cannot be copied, moved or replaced.")
        }
        return try mapErrors {
            if shallow, let node = try store.node(at: from.storePath), node.isCollection {
                let existed = try store.node(at: to.storePath) != nil
                if existed { try store.delete(at: to.storePath) }
                _ = try store.createCollection(at: to.storePath, type: node.collectionType ?? .plain)
                return !existed
            }
            let result =
                move
                ? try store.move(from: from.storePath, to: to.storePath, overwrite: true)
                : try store.copy(from: from.storePath, to: to.storePath, overwrite: true)
            return result.created
        }
    }

    func deadProperties(of resources: [DAVResource], as principal: Principal) throws -> [DAVPath: [XMLTree]] {
        let stored = resources.filter { !$0.kind.isSynthesised }
        for resource in stored { _ = try authorize(resource.path, for: principal) }
        let byIdentifier = Dictionary(
            stored.map { ($0.identifier, $0.path) },
            uniquingKeysWith: { first, _ in first }
        )
        let properties = try mapErrors { try store.deadProperties(ofNodes: Array(byIdentifier.keys)) }
        var result: [DAVPath: [XMLTree]] = [:]
        for (identifier, properties) in properties {
            guard let path = byIdentifier[identifier] else { continue }
            result[path] = properties.compactMap { deadPropertyCache.tree(for: $0.xml) }
        }
        return result
    }

    func updateDeadProperties(at path: DAVPath, set: [XMLTree], remove: [XMLName], as principal: Principal) throws {
        let location = try authorize(path, for: principal)
        let properties = set.map(Self.deadProperty)
        try mapErrors {
            try store.updateDeadProperties(
                at: location.storePath,
                set: properties,
                remove: remove.map { ($0.namespace, $0.localName) }
            )
        }
    }

    /// Only the owner may touch a home (sharing comes with ACLs later).
    func authorize(_ path: DAVPath, for principal: Principal) throws -> (owner: String, storePath: String) {
        guard let location = URLSpace.storeLocation(of: path) else {
            throw DAVError(.forbidden, "\(path) is read-only: only homes under /dav/home/ hold resources.")
        }
        guard location.owner == principal.name else { throw DAVError.forbidden(path) }
        return location
    }

    /// The DAV view of a store node found at `path`.
    static func resource(_ node: StoreNode, at path: DAVPath) -> DAVResource {
        DAVResource(
            identifier: node.id,
            path: path,
            kind: kind(of: node.collectionType),
            etag: EntityTag(node.etag),
            contentType: node.contentType,
            contentLength: node.contentLength,
            created: Int64(node.created.timeIntervalSince1970),
            lastModified: Int64(node.modified.timeIntervalSince1970),
            syncRevision: node.syncRevision
        )
    }

    /// The DAV view of a listed member of the collection at `collection`.
    static func resource(_ member: StoreMember, in collection: DAVPath) -> DAVResource {
        resource(member, at: collection.appending(member.name, isCollection: member.isCollection) ?? collection)
    }

    /// The DAV view of a member whose path the caller already has.
    static func resource(_ member: StoreMember, at path: DAVPath) -> DAVResource {
        DAVResource(
            identifier: member.id,
            path: path,
            kind: kind(of: member.collectionType),
            etag: EntityTag(member.etag),
            contentType: member.contentType,
            contentLength: member.contentLength,
            created: Int64(member.created.timeIntervalSince1970),
            lastModified: Int64(member.modified.timeIntervalSince1970),
            syncRevision: member.syncRevision
        )
    }

    private static func kind(of collectionType: CollectionType?) -> ResourceKind {
        switch collectionType {
        case nil: .file
        case .home?: .home
        case .calendar?: .calendar
        case .addressBook?: .addressBook
        case .plain?: .folder
        case let other?: ResourceKind(rawValue: other.rawValue)
        }
    }

    /// Runs a store call, translating `StoreError` into the DAV error a client should see.
    func mapErrors<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch StoreError.uidConflict(let existing) {
            throw uidConflict(existing: existing)
        } catch let error as StoreError {
            switch error {
            case .io, .sqlite, .corrupt: logger?.error("storage failure: \(error)")
            default: break
            }
            throw Self.davError(for: error)
        }
    }

    /// `no-uid-conflict` (RFC 4791 §5.3.2.1, RFC 6352 §6.3.2.1) naming the object that holds the UID, in the
    /// namespace of the collection it is in.
    private func uidConflict(existing: String) -> DAVError {
        let segments = existing.split(separator: "/").map(String.init)
        let href = DAVPath(segments: URLSpace.homeRoot.segments + segments)?.encoded ?? existing
        let parent = existing.split(separator: "/").dropLast().joined(separator: "/")
        let inAddressBook = (try? store.node(at: parent))??.collectionType == .addressBook
        return DAVError(
            .forbidden,
            condition: DAVError.Condition(
                namespace: inAddressBook ? Namespaces.cardDAV : Namespaces.calDAV,
                name: "no-uid-conflict",
                hrefs: [href]
            ),
            "Another object in this collection already has this UID."
        )
    }

    static func davError(for error: StoreError) -> DAVError {
        switch error {
        case .notFound(let path): DAVError(.notFound, "\(path) does not exist.")
        case .alreadyExists(let path): DAVError(.methodNotAllowed, "\(path) already exists.")
        case .parentMissing(let path): DAVError(.conflict, "The parent collection of \(path) does not exist.")
        case .notACollection(let path): DAVError(.conflict, "\(path) is not a collection.")
        case .conflict(let message): DAVError(.conflict, message)
        case .uidConflict(let existing): DAVError(.forbidden, "\(existing) already has this UID.")
        case .quotaExceeded(let message):
            DAVError(.insufficientStorage, condition: .dav("quota-not-exceeded"), "Your quota is used up: \(message).")
        case .io where error.isOutOfSpace:
            DAVError(.insufficientStorage, condition: .dav("quota-not-exceeded"), "The server is out of disk space.")
        case .io(let message): DAVError(.internalServerError, "Storage error: \(message)")
        case .sqlite(let code, let message) where code == 13:
            DAVError(.insufficientStorage, "The database is full: \(message)")
        case .sqlite(_, let message): DAVError(.internalServerError, "Database error: \(message)")
        case .corrupt(let message): DAVError(.internalServerError, "Database is damaged: \(message)")
        }
    }
}
