public import DAVXML
public import HTTPWire

/// `principal-search-property-set` (RFC 3744 §9.5): which properties `principal-property-search` can search.
public struct PrincipalSearchPropertySetReport: ReportHandler {
    /// Creates the report.
    public init() {}

    /// `{DAV:}principal-search-property-set`.
    public var name: XMLName { .dav("principal-search-property-set") }

    /// Synthesised collections: the DAV root and the principal folders.
    public func isSupported(on resource: DAVResource) -> Bool { resource.kind == .virtualCollection }

    /// Answers 200 with the property list.
    public func report(_ body: XMLTree, on resource: DAVResource, request: DAVRequest, in context: DAVContext) throws
        -> HTTPResponse
    {
        guard let directory = context.backend as? any PrincipalDirectory else {
            throw DAVError(.forbidden, condition: .dav("supported-report"), "This server has no principal directory.")
        }
        let properties = directory.searchableProperties.map { name in
            XMLTree.Node.element(
                XMLTree(
                    .dav("principal-search-property"),
                    children: [.element(XMLTree(.dav("prop"), children: [.element(XMLTree(name))]))]
                )
            )
        }
        let document = XMLWriter.document(XMLTree(.dav("principal-search-property-set"), children: properties))
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/xml; charset=utf-8")
        return HTTPResponse(status: .ok, headers: headers, body: .bytes(document), isCompressible: true)
    }
}
