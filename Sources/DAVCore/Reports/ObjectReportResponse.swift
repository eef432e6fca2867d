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
        render: (StoredObject) throws -> XMLTree?
    ) throws -> HTTPResponse {
        var wantsData = false
        var others = selection
        if case .properties(let names) = selection {
            wantsData = names.contains(dataProperty)
            others = .properties(names.filter { $0 != dataProperty })
        }
        let resources = objects.map(\.resource)
        let propstats: [[(status: Int, properties: [XMLTree])]]
        if case .properties(let names) = others, names.isEmpty {
            propstats = Array(repeating: [], count: resources.count)
        } else {
            propstats = try context.propstats(of: resources, selection: others, as: request.principal)
        }
        let minimal = request.prefersMinimal
        var builder = MultistatusBuilder(namespaces: context.responseNamespaces)
        for (object, groups) in zip(objects, propstats) {
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
        return builder.response()
    }
}
