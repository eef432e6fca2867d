import DAVCore
import DAVXML
import HTTPWire
import Synchronization

/// A flat in-memory `DAVBackend` for lock tests: collections and files by path, with PUT and DELETE; the rest
/// is not needed and refuses with 501.
final class MemoryFileBackend: DAVBackend {
    private let storage = Mutex<[DAVPath: DAVResource]>([:])

    init(collections: [String], files: [String]) {
        storage.withLock { table in
            for path in collections { table[Self.path(path)] = Self.row(Self.path(path), kind: .folder, etag: "c") }
            for path in files { table[Self.path(path)] = Self.row(Self.path(path), kind: .file, etag: "v1") }
        }
    }

    static func path(_ text: String) -> DAVPath { DAVPath(encoded: Substring(text))! }

    private static func row(_ path: DAVPath, kind: ResourceKind, etag: String) -> DAVResource {
        DAVResource(
            identifier: 1,
            path: path,
            kind: kind,
            etag: EntityTag(etag),
            contentType: nil,
            contentLength: 0,
            created: 0,
            lastModified: 0
        )
    }

    func resource(at path: DAVPath, as principal: Principal) throws -> DAVResource? {
        guard principal.name == "alice" else { throw DAVError.forbidden(path) }
        return storage.withLock { $0[path] }
    }

    func members(of path: DAVPath, as principal: Principal) throws -> [DAVResource] {
        storage.withLock { table in
            table.values.filter { $0.path.parent == path }.sorted { $0.path.encoded < $1.path.encoded }
        }
    }

    func content(at path: DAVPath, as principal: Principal) throws -> (DAVResource, DAVContent)? {
        storage.withLock { $0[path].map { ($0, .bytes([])) } }
    }

    func putFile(
        at path: DAVPath,
        contentType: String?,
        body: BodySource,
        precondition: (DAVResource?) throws -> Void,
        as principal: Principal
    ) throws -> (resource: DAVResource, created: Bool) {
        let current = storage.withLock { $0[path] }
        try precondition(current)
        guard let parent = path.parent, storage.withLock({ $0[parent] }) != nil else {
            throw DAVError(.conflict, "parent missing")
        }
        let row = Self.row(path, kind: .file, etag: current == nil ? "v1" : "v2")
        storage.withLock { $0[path] = row }
        return (row, current == nil)
    }

    func delete(at path: DAVPath, precondition: (DAVResource) throws -> Void, as principal: Principal) throws {
        guard let current = storage.withLock({ $0[path] }) else { throw DAVError.notFound(path) }
        try precondition(current)
        storage.withLock { table in table = table.filter { !$0.key.isDescendant(of: path) } }
    }

    func makeCollection(at path: DAVPath, as principal: Principal) throws -> DAVResource {
        let row = Self.row(path, kind: .folder, etag: "c")
        storage.withLock { $0[path] = row }
        return row
    }

    func transfer(from source: DAVPath, to destination: DAVPath, move: Bool, shallow: Bool, as principal: Principal)
        throws -> Bool
    {
        throw DAVError(.notImplemented)
    }

    func deadProperties(of resources: [DAVResource], as principal: Principal) throws -> [DAVPath: [XMLTree]] { [:] }

    func updateDeadProperties(at path: DAVPath, set: [XMLTree], remove: [XMLName], as principal: Principal) throws {}
}
