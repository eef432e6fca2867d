import DAVCore
import DAVXML
import HTTPWire

/// A read-only in-memory backend for listing tests: one collection and its members, with dead properties, listed
/// in pages by name like the store, and a change log for sync-collection.
final class ListingBackend: PagedMembersBackend, SyncBackend {
    /// The collection; tests change its revision to stand for a change.
    nonisolated(unsafe) var collection: DAVResource
    nonisolated(unsafe) var children: [DAVResource]
    let dead: [DAVPath: [XMLTree]]
    /// What `changes(in:since:as:)` answers for a token.
    let changeLog: [MemberChanges.Change]
    /// Pages handed out so far.
    nonisolated(unsafe) var pagesRead = 0

    init(
        collection: DAVResource,
        children: [DAVResource],
        dead: [DAVPath: [XMLTree]] = [:],
        changeLog: [MemberChanges.Change] = []
    ) {
        self.collection = collection
        self.changeLog = changeLog
        self.children = children.sorted { $0.path.lastSegment.utf8.lexicographicallyPrecedes($1.path.lastSegment.utf8) }
        self.dead = dead
    }

    func resource(at path: DAVPath, as principal: Principal) throws -> DAVResource? {
        path == collection.path ? collection : children.first { $0.path == path }
    }

    func members(of path: DAVPath, as principal: Principal) throws -> [DAVResource] {
        path == collection.path ? children : []
    }

    func members(of path: DAVPath, after name: String?, limit: Int, as principal: Principal) throws -> [DAVResource] {
        pagesRead += 1
        let rest = children.drop { member in
            name.map { !$0.utf8.lexicographicallyPrecedes(member.path.lastSegment.utf8) } ?? false
        }
        return Array(rest.prefix(limit))
    }

    func changes(in collection: DAVPath, since revision: Int64?, as principal: Principal) throws -> MemberChanges {
        guard revision == nil else { return MemberChanges(revision: self.collection.syncRevision, changes: changeLog) }
        return MemberChanges(
            revision: self.collection.syncRevision,
            changes: children.map { MemberChanges.Change(name: $0.path.lastSegment, revision: 0, deleted: false) }
        )
    }

    func content(at path: DAVPath, as principal: Principal) throws -> (DAVResource, DAVContent)? { nil }

    func putFile(
        at path: DAVPath,
        contentType: String?,
        body: BodySource,
        precondition: (DAVResource?) throws -> Void,
        as principal: Principal
    ) throws -> (resource: DAVResource, created: Bool) {
        throw DAVError(.forbidden)
    }

    func delete(at path: DAVPath, precondition: (DAVResource) throws -> Void, as principal: Principal) throws {
        throw DAVError(.forbidden)
    }

    func makeCollection(at path: DAVPath, as principal: Principal) throws -> DAVResource {
        throw DAVError(.forbidden)
    }

    func transfer(from source: DAVPath, to destination: DAVPath, move: Bool, shallow: Bool, as principal: Principal)
        throws -> Bool
    {
        throw DAVError(.forbidden)
    }

    func deadProperties(of resources: [DAVResource], as principal: Principal) throws -> [DAVPath: [XMLTree]] {
        dead.filter { entry in resources.contains { $0.path == entry.key } }
    }

    func updateDeadProperties(at path: DAVPath, set: [XMLTree], remove: [XMLName], as principal: Principal) throws {
        throw DAVError(.forbidden)
    }
}
