import DAVXML
import HTTPWire
import Testing

@testable import DAVCore

@Suite("ObjectReportResponse: object report multistatus written as bytes (RFC 4791 §7.8–§7.9, RFC 6352 §8.6–§8.7)")
struct ObjectReportResponseTests {
    static let dataProperty = XMLName(Namespaces.calDAV, "calendar-data")
    static let collectionPath = DAVPath(encoded: "/dav/home/alice/cal%20%C3%A9/")!
    static let note = XMLName("urn:example", "note")

    /// Objects with data that needs every kind of escaping, one of them not well-formed UTF-8.
    static func objects(_ count: Int) -> [StoredObject] {
        let shapes: [[UInt8]] = [
            Array("BEGIN:VCALENDAR\r\nSUMMARY:a <b> & ]]> c\r\nEND:VCALENDAR\r\n".utf8),
            Array("BEGIN:VCALENDAR\r\nSUMMARY:caf\u{E9} \u{65E5}\u{672C} \u{1F600}\r\nEND:VCALENDAR\r\n".utf8),
            [0x42, 0xFF, 0x3C, 0xE6, 0x97, 0x0D, 0x0A],
            [],
        ]
        return (0..<count).map { index in
            let name = index == 1 ? "x & <y> \u{E9}.ics" : "event-\(index).ics"
            return StoredObject(
                resource: DAVResource(
                    identifier: Int64(index + 10),
                    path: collectionPath.appending(name)!,
                    kind: .file,
                    etag: index == 2 ? nil : EntityTag("e\(index)"),
                    contentType: "text/calendar; charset=utf-8",
                    contentLength: Int64(shapes[index % shapes.count].count),
                    created: 1_700_000_000,
                    lastModified: 1_700_000_000 + Int64(index),
                    syncRevision: 0
                ),
                bytes: shapes[index % shapes.count]
            )
        }
    }

    static func context(_ objects: [StoredObject]) -> DAVContext {
        let collection = DAVResource(
            identifier: 1,
            path: collectionPath,
            kind: .calendar,
            etag: EntityTag("c1"),
            contentType: nil,
            contentLength: 0,
            created: 0,
            lastModified: 0,
            syncRevision: 3
        )
        let backend = ListingBackend(
            collection: collection,
            children: objects.map(\.resource),
            dead: [objects[0].resource.path: [XMLTree(note, text: "a <note>")]]
        )
        return DAVContext(
            backend: backend,
            properties: PropertyRegistry(CoreProperties.all(resourceTypes: [:])),
            principalCollection: DAVPath(encoded: "/dav/principals/users/")!,
            responseNamespaces: [Namespaces.dav, Namespaces.calDAV]
        )
    }

    static func request(minimal: Bool) -> DAVRequest {
        var fields = HTTPHeaders()
        if minimal { fields.add(name: "Prefer", value: "return=minimal") }
        let head = HTTPRequestHead(method: .report, target: collectionPath.encoded, headers: fields)
        return DAVRequest(http: HTTPRequest(head: head), path: collectionPath, principal: Principal(name: "alice"))
    }

    static let selections: [PropertySelection] = [
        .properties([.dav("getetag"), dataProperty]),
        .properties([dataProperty]),
        .properties([dataProperty, .dav("getetag"), XMLName("urn:example", "missing"), note, .dav("getcontentlength")]),
        .properties([.dav("getetag")]),
        .properties([XMLName("urn:example", "missing")]),
        .properties([]),
        .allProperties(include: []),
        .propertyNames,
    ]

    /// What the report wrote before it wrote bytes: `DAVContext.propstats`, the data as an `XMLTree` appended to
    /// the 200 group, and `MultistatusBuilder.addResponse`.
    static func reference(
        _ objects: [StoredObject],
        selection: PropertySelection,
        minimal: Bool,
        contentType: String?,
        missing: [DAVPath],
        truncated: DAVPath?
    ) throws -> String {
        let context = context(objects)
        var wantsData = false
        var others = selection
        if case .properties(let names) = selection {
            wantsData = names.contains(dataProperty)
            others = .properties(names.filter { $0 != dataProperty })
        }
        let propstats = try context.propstats(
            of: objects.map(\.resource),
            selection: others,
            as: Principal(name: "alice")
        )
        var builder = MultistatusBuilder(namespaces: context.responseNamespaces)
        for (object, groups) in zip(objects, propstats) {
            var groups = groups
            if wantsData {
                var attributes: [XMLName: String] = [:]
                if let contentType { attributes[XMLName("", "content-type")] = contentType }
                let data = XMLTree(
                    dataProperty,
                    attributes: attributes,
                    children: [.text(String(decoding: object.bytes, as: UTF8.self))]
                )
                if let found = groups.firstIndex(where: { $0.status == 200 }) {
                    groups[found].properties.append(data)
                } else {
                    groups.insert((200, [data]), at: 0)
                }
            }
            if minimal { groups.removeAll { $0.status == 404 } }
            builder.addResponse(href: object.resource.path.encoded, propstats: groups)
        }
        for path in missing { builder.addResponse(href: path.encoded, status: 404) }
        if let truncated {
            builder.addResponse(
                href: truncated.asCollection(true).encoded,
                status: 507,
                error: .dav("number-of-matches-within-limits")
            )
        }
        return String(decoding: builder.writer.finish(), as: UTF8.self)
    }

    static func written(_ response: HTTPResponse) throws -> (streamed: Bool, text: String) {
        switch response.body {
        case .bytes(let bytes): return (false, String(decoding: bytes, as: UTF8.self))
        case .shared(let body): return (false, String(decoding: body.bytes, as: UTF8.self))
        case .stream(let produce):
            let collector = CollectingBodyWriter()
            try produce(collector)
            return (true, String(decoding: collector.bytes, as: UTF8.self))
        default: return (false, "")
        }
    }

    @Test(
        "writes what the tree path wrote, for every selection, with and without minimal, whole and streamed",
        arguments: selections.indices,
        [(3, false), (3, true), (700, false), (700, true)]
    )
    func matchesTreePath(selectionIndex: Int, shape: (count: Int, minimal: Bool)) throws {
        let selection = Self.selections[selectionIndex]
        let objects = Self.objects(shape.count)
        let missing = [
            Self.collectionPath.appending("gone.ics")!, DAVPath(encoded: "/dav/home/alice/other/x%20y.ics")!,
        ]
        let response = try ObjectReportResponse(dataProperty: Self.dataProperty, selection: selection).response(
            objects: objects,
            missing: missing,
            request: Self.request(minimal: shape.minimal),
            context: Self.context(objects)
        ) { ObjectData(bytes: $0.bytes) }
        #expect(response.status == .multistatus)
        let written = try Self.written(response)
        #expect(written.streamed == (shape.count > MultistatusBuilder.streamingBatch))
        let expected = try Self.reference(
            objects,
            selection: selection,
            minimal: shape.minimal,
            contentType: nil,
            missing: missing,
            truncated: nil
        )
        #expect(written.text == expected)
    }

    @Test("names the data's media type in a content-type attribute, and ends a cut result with 507")
    func contentTypeAndTruncation() throws {
        let objects = Self.objects(4)
        let selection = Self.selections[0]
        let response = try ObjectReportResponse(dataProperty: Self.dataProperty, selection: selection).response(
            objects: objects,
            truncatedCollection: Self.collectionPath,
            request: Self.request(minimal: false),
            context: Self.context(objects)
        ) { ObjectData(bytes: $0.bytes, contentType: "application/calendar+json") }
        let text = try Self.written(response).text
        #expect(text.contains(#"<C:calendar-data content-type="application/calendar+json">BEGIN:VCALENDAR&#13;"#))
        #expect(text.contains("<D:error><D:number-of-matches-within-limits/></D:error>"))
        let expected = try Self.reference(
            objects,
            selection: selection,
            minimal: false,
            contentType: "application/calendar+json",
            missing: [],
            truncated: Self.collectionPath
        )
        #expect(text == expected)
    }

    @Test("answers 404 for each missing href and nothing else when no object was found")
    func onlyMissing() throws {
        let objects = Self.objects(1)
        let response = try ObjectReportResponse(dataProperty: Self.dataProperty, selection: Self.selections[0])
            .response(
                objects: [],
                missing: [Self.collectionPath.appending("a.ics")!],
                request: Self.request(minimal: true),
                context: Self.context(objects)
            ) { ObjectData(bytes: $0.bytes) }
        let text = try Self.written(response).text
        #expect(
            text.hasSuffix(
                "<D:response><D:href>/dav/home/alice/cal%20%C3%A9/a.ics</D:href>"
                    + "<D:status>HTTP/1.1 404 Not Found</D:status></D:response></D:multistatus>\n"
            )
        )
    }

    @Test("a failing render fails the whole response before anything is written")
    func renderFailure() throws {
        let objects = Self.objects(3)
        #expect(throws: DAVError.self) {
            try ObjectReportResponse(dataProperty: Self.dataProperty, selection: Self.selections[1]).response(
                objects: objects,
                request: Self.request(minimal: false),
                context: Self.context(objects)
            ) { _ in throw DAVError(.forbidden) }
        }
    }
}
