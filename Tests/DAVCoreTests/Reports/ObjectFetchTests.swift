import DAVXML
import HTTPWire
import Testing

@testable import DAVCore

@Suite("ObjectFetch: the objects a multiget names (RFC 4791 §7.9, RFC 6352 §8.7)")
struct ObjectFetchTests {
    static let calendar = DAVPath(encoded: "/dav/home/alice/calendar/")!
    static let other = DAVPath(encoded: "/dav/home/alice/work/")!

    static func backend() -> ObjectListingBackend {
        // Each object has its own identifier, as the store's rows do: a repeated href is recognised by it.
        func object(_ collection: DAVPath, _ name: String, _ identifier: Int64) -> DAVResource {
            DAVResource(
                identifier: identifier,
                path: collection.appending(name)!,
                kind: .file,
                etag: EntityTag(name),
                contentType: "text/calendar",
                contentLength: 1,
                created: 0,
                lastModified: 0,
                syncRevision: 0
            )
        }
        return ObjectListingBackend(objects: [
            object(calendar, "a.ics", 1), object(calendar, "b c.ics", 2), object(calendar, "z.ics", 3),
            object(other, "w.ics", 4),
        ])
    }

    static func path(_ encoded: Substring) -> DAVPath { DAVPath(encoded: encoded)! }

    @Test("keeps the order of the hrefs, lists each object once and every missing href as often as it was asked for")
    func orderDuplicatesAndMissing() throws {
        let backend = Self.backend()
        let requested = [
            Self.path("/dav/home/alice/calendar/z.ics"), Self.path("/dav/home/alice/calendar/gone.ics"),
            Self.path("/dav/home/alice/calendar/b%20c.ics"), Self.path("/dav/home/alice/work/w.ics"),
            Self.path("/dav/home/alice/calendar/z.ics"), Self.path("/dav/home/alice/calendar/a.ics/"),
            Self.path("/dav/home/alice/calendar/gone.ics"), Self.path("/"),
        ]
        let (found, missing) = try ObjectFetch.fetch(requested, from: backend, as: Principal(name: "alice"))
        #expect(
            found.map(\.resource.path.encoded) == [
                "/dav/home/alice/calendar/z.ics", "/dav/home/alice/calendar/b%20c.ics", "/dav/home/alice/work/w.ics",
                "/dav/home/alice/calendar/a.ics",
            ]
        )
        #expect(
            missing.map(\.encoded) == [
                "/dav/home/alice/calendar/gone.ics", "/dav/home/alice/calendar/gone.ics", "/",
            ]
        )
        #expect(backend.reads == [Self.calendar.encoded, Self.other.encoded])
    }

    @Test("answers an object named twice, once percent-encoded, at its first href only")
    func repeatedUnderAnotherSpelling() throws {
        let backend = Self.backend()
        let requested = [
            Self.path("/dav/home/alice/calendar/%7A.ics"), Self.path("/dav/home/alice/calendar/a.ics"),
            Self.path("/dav/home/alice/calendar/z.ics"),
        ]
        let (found, missing) = try ObjectFetch.fetch(requested, from: backend, as: Principal(name: "alice"))
        #expect(
            found.map(\.resource.path.encoded) == ["/dav/home/alice/calendar/z.ics", "/dav/home/alice/calendar/a.ics"]
        )
        #expect(missing.isEmpty)
    }

    @Test("reads each collection once even when its hrefs are interleaved with another's")
    func oneReadPerCollection() throws {
        let backend = Self.backend()
        let requested = [
            Self.path("/dav/home/alice/calendar/a.ics"), Self.path("/dav/home/alice/work/w.ics"),
            Self.path("/dav/home/alice/calendar/z.ics"), Self.path("/dav/home/alice/work/x.ics"),
        ]
        let (found, missing) = try ObjectFetch.fetch(requested, from: backend, as: Principal(name: "alice"))
        #expect(found.map(\.resource.path.lastSegment) == ["a.ics", "w.ics", "z.ics"])
        #expect(missing.map(\.lastSegment) == ["x.ics"])
        #expect(backend.reads.count == 2)
    }
}

/// Objects in any number of collections, read by name like the store reads them; records the collections read.
final class ObjectListingBackend: ObjectBackend {
    let objects: [DAVResource]
    nonisolated(unsafe) var reads: [String] = []

    init(objects: [DAVResource]) { self.objects = objects }

    /// Found objects come last first, as the store's rows are handed on.
    func objects(at paths: [DAVPath], in collection: DAVPath, as principal: Principal) throws -> [(
        position: Int, object: StoredObject
    )] {
        reads.append(collection.encoded)
        return paths.enumerated().reversed().compactMap { position, path in
            objects.first { $0.path.parent == collection && $0.path.lastSegment == path.lastSegment }.map {
                (position, StoredObject(resource: $0, bytes: Array($0.path.lastSegment.utf8)))
            }
        }
    }

    func objects(
        in collection: DAVPath,
        component: String?,
        from start: Int64?,
        to end: Int64?,
        content: Bool,
        as principal: Principal
    ) throws -> [StoredObject] { [] }

    func makeCollection(at path: DAVPath, kind: ResourceKind, properties: [XMLTree], as principal: Principal)
        throws -> DAVResource
    { throw DAVError(.forbidden) }

    func putObject(
        at path: DAVPath,
        bytes: [UInt8],
        contentType: String,
        summary: ObjectSummary,
        precondition: (DAVResource?) throws -> Void,
        as principal: Principal
    ) throws -> (resource: DAVResource, created: Bool) { throw DAVError(.forbidden) }

    func resource(at path: DAVPath, as principal: Principal) throws -> DAVResource? {
        objects.first { $0.path == path }
    }

    func members(of path: DAVPath, as principal: Principal) throws -> [DAVResource] { [] }

    func content(at path: DAVPath, as principal: Principal) throws -> (DAVResource, DAVContent)? { nil }

    func putFile(
        at path: DAVPath,
        contentType: String?,
        body: BodySource,
        precondition: (DAVResource?) throws -> Void,
        as principal: Principal
    ) throws -> (resource: DAVResource, created: Bool) { throw DAVError(.forbidden) }

    func delete(at path: DAVPath, precondition: (DAVResource) throws -> Void, as principal: Principal) throws {
        throw DAVError(.forbidden)
    }

    func makeCollection(at path: DAVPath, as principal: Principal) throws -> DAVResource { throw DAVError(.forbidden) }

    func transfer(from source: DAVPath, to destination: DAVPath, move: Bool, shallow: Bool, as principal: Principal)
        throws -> Bool
    { throw DAVError(.forbidden) }

    func deadProperties(of resources: [DAVResource], as principal: Principal) throws -> [DAVPath: [XMLTree]] { [:] }

    func updateDeadProperties(at path: DAVPath, set: [XMLTree], remove: [XMLName], as principal: Principal) throws {
        throw DAVError(.forbidden)
    }
}
