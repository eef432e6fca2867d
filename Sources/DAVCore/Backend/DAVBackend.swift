public import DAVXML

/// Who is making the request.
public struct Principal: Hashable, Sendable {
    /// The user name.
    public var name: String

    /// Creates a principal.
    public init(name: String) { self.name = name }
}

/// A pull-style source of body bytes: fills the buffer, returns the count, 0 at the end.
public typealias BodySource = (UnsafeMutableRawBufferPointer) throws -> Int

/// Everything a method handler may do to resources. Implementations enforce access control (a user reaches
/// only what is theirs) and make every call one transaction; they throw `DAVError` for anything the client
/// should see.
public protocol DAVBackend: Sendable {
    /// The resource at `path`, or nil.
    func resource(at path: DAVPath, as principal: Principal) throws -> DAVResource?

    /// The resources at `path` and at its parent (nil where nothing is, or for the root's parent): PUT needs both,
    /// and a backend may find them with one look-up. The default asks `resource(at:as:)` twice.
    func resourceAndParent(at path: DAVPath, as principal: Principal) throws -> (
        resource: DAVResource?, parent: DAVResource?
    )

    /// The direct members of the collection at `path`, sorted by name.
    func members(of path: DAVPath, as principal: Principal) throws -> [DAVResource]

    /// A file's metadata and bytes; nil when nothing is there or the path is a collection (one look-up, so GET of
    /// a file costs a single query).
    func content(at path: DAVPath, as principal: Principal) throws -> (DAVResource, DAVContent)?

    /// Stores a file from `body`, streaming it; `precondition` runs inside the write transaction with the current
    /// resource (nil when new) and throws to abort. Returns the stored resource and whether it was created.
    func putFile(
        at path: DAVPath,
        contentType: String?,
        body: BodySource,
        precondition: (DAVResource?) throws -> Void,
        as principal: Principal
    ) throws -> (resource: DAVResource, created: Bool)

    /// Deletes a resource or a collection tree atomically; `precondition` as for `putFile`.
    func delete(at path: DAVPath, precondition: (DAVResource) throws -> Void, as principal: Principal) throws

    /// Creates a plain collection (RFC 4918 §9.3).
    func makeCollection(at path: DAVPath, as principal: Principal) throws -> DAVResource

    /// Copies or moves a resource or tree server-side, dead properties included, replacing what is at the
    /// destination; `shallow` copies a collection without its members. Returns whether the destination is new.
    func transfer(from source: DAVPath, to destination: DAVPath, move: Bool, shallow: Bool, as principal: Principal)
        throws
        -> Bool

    /// The dead properties of several resources, in one query.
    func deadProperties(of resources: [DAVResource], as principal: Principal) throws -> [DAVPath: [XMLTree]]

    /// Sets and removes dead properties of one resource, all or nothing (RFC 4918 §9.2).
    func updateDeadProperties(at path: DAVPath, set: [XMLTree], remove: [XMLName], as principal: Principal) throws
}

extension DAVBackend {
    /// `resource(at:as:)` of `path` and of its parent.
    public func resourceAndParent(at path: DAVPath, as principal: Principal) throws -> (
        resource: DAVResource?, parent: DAVResource?
    ) {
        let resource = try self.resource(at: path, as: principal)
        guard let parentPath = path.parent else { return (resource, nil) }
        return (resource, try self.resource(at: parentPath, as: principal))
    }
}
