public import DAVXML
public import HTTPWire

/// The multistatus of the object reports (calendar-query and -multiget, RFC 4791 §7.8–§7.9; addressbook-query
/// and -multiget, RFC 6352 §8.6–§8.7): the requested properties of each object, with the data property
/// (`calendar-data`, `address-data`) rendered from the object's bytes, and 404 responses for missing hrefs.
public struct ObjectReportResponse {
    /// The data property's name, e.g. `{urn:ietf:params:xml:ns:caldav}calendar-data`.
    public var dataProperty: XMLName
    /// The requested properties.
    public var selection: PropertySelection

    /// Creates a response builder.
    public init(dataProperty: XMLName, selection: PropertySelection) {
        self.dataProperty = dataProperty
        self.selection = selection
    }

    /// The 207 response. `render` gives the data property of an object (nil: 404 for it). A
    /// `truncatedCollection` gets the 507 `DAV:number-of-matches-within-limits` response of a result cut at its
    /// limit (RFC 4791 §7.8, RFC 6352 §8.6.2).
    public func response(
        objects: [StoredObject],
        missing: [DAVPath] = [],
        truncatedCollection: DAVPath? = nil,
        request: DAVRequest,
        context: DAVContext,
        render: @escaping @Sendable (StoredObject) throws -> XMLTree?
    ) throws -> HTTPResponse {
        let (wantsData, others) = split(selection)
        let principal = request.principal
        let minimal = request.prefersMinimal
        let dataProperty = dataProperty
        let writeBatch: @Sendable (inout MultistatusBuilder, ArraySlice<StoredObject>) throws -> Void = {
            builder,
            batch in
            let propstats: [[(status: Int, properties: [XMLTree])]]
            if case .properties(let names) = others, names.isEmpty {
                propstats = Array(repeating: [], count: batch.count)
            } else {
                propstats = try context.propstats(of: batch.map(\.resource), selection: others, as: principal)
            }
            for (object, groups) in zip(batch, propstats) {
                var groups = groups
                if wantsData {
                    if let data = try render(object) {
                        if let found = groups.firstIndex(where: { $0.status == 200 }) {
                            groups[found].properties.append(data)
                        } else {
                            groups.insert((200, [data]), at: 0)
                        }
                    } else {
                        groups.append((404, [XMLTree(dataProperty)]))
                    }
                }
                if minimal { groups.removeAll { $0.status == 404 } }
                builder.addResponse(href: object.resource.path.encoded, propstats: groups)
            }
        }
        let writeEnd: @Sendable (inout MultistatusBuilder) -> Void = { builder in
            for path in missing {
                builder.addResponse(href: path.encoded, status: 404)
            }
            if let truncatedCollection {
                builder.addResponse(
                    href: truncatedCollection.asCollection(true).encoded,
                    status: 507,
                    error: .dav("number-of-matches-within-limits")
                )
            }
        }
        if objects.count > MultistatusBuilder.streamingBatch {
            return MultistatusBuilder.streamed(namespaces: context.responseNamespaces) { builder, flush in
                var start = 0
                while start < objects.count {
                    let end = min(start + MultistatusBuilder.streamingBatch, objects.count)
                    try writeBatch(&builder, objects[start..<end])
                    try flush(&builder)
                    start = end
                }
                writeEnd(&builder)
            }
        }
        var builder = MultistatusBuilder(namespaces: context.responseNamespaces)
        try writeBatch(&builder, objects[...])
        writeEnd(&builder)
        return builder.response()
    }

    /// Whether the selection asks for the data property, and the selection without it.
    private func split(_ selection: PropertySelection) -> (Bool, PropertySelection) {
        guard case .properties(let names) = selection else { return (false, selection) }
        return (names.contains(dataProperty), .properties(names.filter { $0 != dataProperty }))
    }
}
