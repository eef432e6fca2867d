import DAVCore
import Foundation
import HTTPWire
import Store

/// The DAV backend over the SQLite store for everything under `/dav/home/`: maps DAV paths to store paths,
/// enforces that a user reaches only their own home, and turns store errors into DAV errors.
struct HomeBackend: DAVBackend {
    let store: DataStore

    func resource(at path: DAVPath, as principal: Principal) throws -> DAVResource? {
        let location = try authorize(path, for: principal)
        return try mapErrors { try store.node(at: location.storePath).map { Self.resource($0, at: path) } }
    }

    func members(of path: DAVPath, as principal: Principal) throws -> [DAVResource] {
        let location = try authorize(path, for: principal)
        return try mapErrors {
            try store.children(of: location.storePath).map { node in
                Self.resource(node, at: path.appending(node.name, isCollection: node.isCollection) ?? path)
            }
        }
    }

    func content(at path: DAVPath, as principal: Principal) throws -> (DAVResource, DAVContent)? {
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

    /// Only the owner may touch a home (sharing comes with ACLs later).
    private func authorize(_ path: DAVPath, for principal: Principal) throws -> (owner: String, storePath: String) {
        guard let location = URLSpace.storeLocation(of: path) else { throw DAVError.notFound(path) }
        guard location.owner == principal.name else { throw DAVError.forbidden(path) }
        return location
    }

    /// The DAV view of a store node found at `path`.
    static func resource(_ node: StoreNode, at path: DAVPath) -> DAVResource {
        let kind: ResourceKind =
            switch node.collectionType {
            case nil: .file
            case .home?: .home
            case .calendar?: .calendar
            case .addressBook?: .addressBook
            case .plain?: .folder
            case let other?: ResourceKind(rawValue: other.rawValue)
            }
        return DAVResource(
            path: path,
            kind: kind,
            etag: EntityTag(node.etag),
            contentType: node.contentType,
            contentLength: node.contentLength,
            created: Int64(node.created.timeIntervalSince1970),
            lastModified: Int64(node.modified.timeIntervalSince1970)
        )
    }

    /// Runs a store call, translating `StoreError` into the DAV error a client should see.
    private func mapErrors<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as StoreError {
            throw Self.davError(for: error)
        }
    }

    static func davError(for error: StoreError) -> DAVError {
        switch error {
        case .notFound(let path): DAVError(.notFound, "\(path) does not exist.")
        case .alreadyExists(let path): DAVError(.methodNotAllowed, "\(path) already exists.")
        case .parentMissing(let path): DAVError(.conflict, "The parent collection of \(path) does not exist.")
        case .notACollection(let path): DAVError(.conflict, "\(path) is not a collection.")
        case .conflict(let message): DAVError(.conflict, message)
        case .io(let message) where message.contains("No space left"):
            DAVError(.insufficientStorage, condition: .dav("quota-not-exceeded"), "The server is out of disk space.")
        case .io(let message): DAVError(.internalServerError, "Storage error: \(message)")
        case .sqlite(let code, let message) where code == 13:
            DAVError(.insufficientStorage, "The database is full: \(message)")
        case .sqlite(_, let message): DAVError(.internalServerError, "Database error: \(message)")
        case .corrupt(let message): DAVError(.internalServerError, "Database is damaged: \(message)")
        }
    }
}
