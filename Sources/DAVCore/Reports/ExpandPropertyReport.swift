public import DAVXML
public import HTTPWire

/// `expand-property` (RFC 3253 §3.8): the named properties of the target, where each `DAV:href` inside a value is
/// replaced by a `DAV:response` carrying the nested properties of the resource it names — Apple clients read
/// a principal's `calendar-proxy-*` and `calendar-user-address-set` this way in one round trip.
public struct ExpandPropertyReport: ReportHandler {
    /// How deep nested `DAV:property` elements are followed.
    static let maxDepth = 4

    /// Creates the report.
    public init() {}

    /// `{DAV:}expand-property`.
    public var name: XMLName { .dav("expand-property") }

    /// Every resource.
    public func isSupported(on resource: DAVResource) -> Bool { true }

    /// Answers with one response for the target.
    public func report(_ body: XMLTree, on resource: DAVResource, request: DAVRequest, in context: DAVContext) throws
        -> HTTPResponse
    {
        var builder = MultistatusBuilder(namespaces: context.responseNamespaces)
        builder.addResponse(
            href: resource.path.encoded,
            propstats: try expand(body.children(named: .dav("property")), of: resource, depth: 0, request, context)
        )
        return builder.response()
    }

    /// The propstat groups of `resource` for the requested properties, hrefs expanded where asked.
    private func expand(
        _ requested: [XMLTree],
        of resource: DAVResource,
        depth: Int,
        _ request: DAVRequest,
        _ context: DAVContext
    ) throws -> [(status: Int, properties: [XMLTree])] {
        let names = requested.compactMap(Self.name(of:))
        let groups = try context.propstats(of: [resource], selection: .properties(names), as: request.principal)[0]
        guard depth < Self.maxDepth else { return groups }
        return try groups.map { group in
            guard group.status == 200 else { return group }
            let properties = try group.properties.map { value in
                guard
                    let nested = requested.first(where: { Self.name(of: $0) == value.name })?
                        .children(named: .dav("property")), !nested.isEmpty
                else { return value }
                return try expandHrefs(in: value, nested: nested, depth: depth, request, context)
            }
            return (group.status, properties)
        }
    }

    /// `value` with each `DAV:href` child replaced by the response for the resource it names.
    private func expandHrefs(
        in value: XMLTree,
        nested: [XMLTree],
        depth: Int,
        _ request: DAVRequest,
        _ context: DAVContext
    ) throws -> XMLTree {
        var children: [XMLTree.Node] = []
        for case .element(let child) in value.children {
            guard child.name == .dav("href") else {
                children.append(.element(child))
                continue
            }
            var response: [XMLTree.Node] = [.element(child)]
            if let path = DAVPath(href: child.text),
                let target = try? context.backend.resource(at: path, as: request.principal)
            {
                for group in try expand(nested, of: target, depth: depth + 1, request, context) {
                    response.append(.element(MultistatusBuilder.propstat(group)))
                }
            } else {
                response.append(.element(XMLTree(.dav("status"), text: MultistatusBuilder.statusLine(404))))
            }
            children.append(.element(XMLTree(.dav("response"), children: response)))
        }
        return XMLTree(value.name, attributes: value.attributes, children: children)
    }

    /// The property a `DAV:property` element names (`name` and `namespace` attributes, `DAV:` by default).
    private static func name(of property: XMLTree) -> XMLName? {
        guard let local = property.attributes[XMLName("", "name")] else { return nil }
        return XMLName(property.attributes[XMLName("", "namespace")] ?? Namespaces.dav, local)
    }
}
