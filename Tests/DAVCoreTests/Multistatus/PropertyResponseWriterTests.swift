import DAVXML
import HTTPWire
import Testing

@testable import DAVCore

@Suite("PropertyResponseWriter: listing responses as bytes (RFC 4918 §9.1, §14.24)")
struct PropertyResponseWriterTests {
    static let calDAV = Namespaces.calDAV
    static let collectionPath = DAVPath(encoded: "/dav/home/alice/caf%C3%A9%20%23%25/")!

    /// A collection with a file of every shape: with and without type, ETag, odd names, a sub-collection, a calendar.
    static func backend() -> ListingBackend {
        func member(_ name: String, kind: ResourceKind, etag: String?, type: String?, length: Int64) -> DAVResource {
            DAVResource(
                identifier: Int64(name.utf8.count),
                path: collectionPath.appending(name, isCollection: kind.isCollection)!,
                kind: kind,
                etag: etag.map { EntityTag($0) },
                contentType: type,
                contentLength: length,
                created: 1_700_000_000,
                lastModified: 1_700_000_123,
                syncRevision: kind.isCollection ? 7 : 0
            )
        }
        let children = [
            member("plain.ics", kind: .file, etag: "abc", type: "text/calendar; charset=utf-8", length: 120),
            member("with space & <angle>.txt", kind: .file, etag: "a&b", type: nil, length: 0),
            member("100%#?.txt", kind: .file, etag: nil, type: "text/plain", length: 5),
            member("caf\u{E9}\u{65E5}.vcf", kind: .file, etag: "x", type: "text/vcard", length: 9),
            member("folder", kind: .folder, etag: "c1-2", type: nil, length: 0),
            member("work", kind: .calendar, etag: "c2-3", type: nil, length: 0),
        ]
        let collection = DAVResource(
            identifier: 1,
            path: collectionPath,
            kind: .folder,
            etag: EntityTag("c1-7"),
            contentType: nil,
            contentLength: 0,
            created: 0,
            lastModified: 0,
            syncRevision: 7
        )
        let color = XMLTree(XMLName("http://apple.com/ns/ical/", "calendar-color"), text: "#FF0000")
        let note = XMLTree(XMLName("urn:example", "note"), text: "a <note> & more")
        return ListingBackend(
            collection: collection,
            children: children,
            dead: [children[0].path: [note], children[5].path: [color, note], children[4].path: [note]]
        )
    }

    static func context(_ backend: ListingBackend) -> DAVContext {
        let properties =
            CoreProperties.all(resourceTypes: [.calendar: [XMLName(calDAV, "calendar")]])
            + SyncProperties.all(reports: ReportRegistry([SyncCollectionReport()])) + PrivilegeProperties.all()
            + LockProperties.all
        return DAVContext(
            backend: backend,
            properties: PropertyRegistry(properties),
            principalCollection: DAVPath(encoded: "/dav/principals/users/")!,
            responseNamespaces: [Namespaces.dav, calDAV, Namespaces.cardDAV]
        )
    }

    static let selections: [PropertySelection] = [
        .properties([.dav("getetag")]),
        .properties([
            .dav("resourcetype"), .dav("getcontentlength"), .dav("getlastmodified"), .dav("getetag"),
            .dav("getcontenttype"),
        ]),
        .properties([.dav("creationdate"), .dav("sync-token"), XMLName(Namespaces.calendarServer, "getctag")]),
        .properties([
            .dav("current-user-principal"), .dav("current-user-privilege-set"), .dav("supportedlock"),
            .dav("lockdiscovery"), .dav("supported-report-set"),
        ]),
        .properties([
            .dav("getetag"), XMLName("urn:example", "note"), XMLName("http://apple.com/ns/ical/", "calendar-color"),
            .dav("displayname"), XMLName(calDAV, "calendar-description"),
        ]),
        .properties([XMLName("urn:example", "missing"), .dav("getcontentlength")]),
        .properties([]),
        .allProperties(include: [.dav("current-user-principal")]),
        .propertyNames,
    ]

    /// The document the generic path gives: `DAVContext.propstats` and `MultistatusBuilder.addResponse`.
    static func reference(
        _ resources: [DAVResource],
        _ selection: PropertySelection,
        minimal: Bool,
        locks: LockSnapshot
    )
        throws -> String
    {
        let context = context(backend())
        var builder = MultistatusBuilder(namespaces: context.responseNamespaces)
        let principal = Principal(name: "alice")
        let groups = try context.propstats(of: resources, selection: selection, as: principal, locks: locks)
        for (resource, groups) in zip(resources, groups) {
            builder.addResponse(
                href: resource.path.encoded,
                propstats: minimal ? groups.filter { $0.status != 404 } : groups
            )
        }
        return String(decoding: builder.writer.finish(), as: UTF8.self)
    }

    static let lock = LockSnapshot(
        locks: [
            ActiveLock(
                token: "urn:uuid:1",
                root: collectionPath.appending("plain.ics")!,
                isDeep: false,
                scope: .exclusive,
                owner: nil,
                principal: Principal(name: "alice"),
                created: 10,
                expires: 100
            )
        ],
        now: 50
    )

    @Test(
        "writes the same bytes as the generic propstats path, for every kind of property, with and without minimal",
        arguments: selections.indices,
        [false, true]
    )
    func matchesGenericPath(selectionIndex: Int, minimal: Bool) throws {
        let selection = Self.selections[selectionIndex]
        let backend = Self.backend()
        let resources = [backend.collection] + backend.children
        var writer = PropertyResponseWriter(
            context: Self.context(backend),
            selection: selection,
            principal: Principal(name: "alice"),
            locks: Self.lock,
            omitsNotFound: minimal,
            collection: Self.collectionPath
        )
        var builder = MultistatusBuilder(namespaces: Self.context(backend).responseNamespaces)
        try writer.write(Array(resources.prefix(3)), into: &builder)
        try writer.write(Array(resources.dropFirst(3)), into: &builder)
        let written = String(decoding: builder.writer.finish(), as: UTF8.self)
        #expect(written == (try Self.reference(resources, selection, minimal: minimal, locks: Self.lock)))
    }

    @Test("member hrefs are the collection's encoded path plus the encoded name, and other paths are encoded whole")
    func hrefs() {
        let hrefs = MemberHrefs(collection: Self.collectionPath)
        for path in [
            Self.collectionPath, Self.collectionPath.appending("a b#%\u{E9}")!,
            Self.collectionPath.appending("sub", isCollection: true)!, DAVPath(encoded: "/other/x%20y")!,
            DAVPath.root,
        ] {
            var bytes: [UInt8] = []
            hrefs.append(path, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == path.encoded)
        }
    }
}
