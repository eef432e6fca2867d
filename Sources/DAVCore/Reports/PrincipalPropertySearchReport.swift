public import DAVXML
public import HTTPWire

/// `principal-property-search` (RFC 3744 §9.4): the principals whose properties contain the given texts, with
/// the requested properties. Runs on the principal collections (and, as clients send it, on the DAV root).
/// RFC 3744 §9.4 requires at least one `property-search`; a search without one (python-caldav lists principals
/// so) matches every principal, as an empty filter would, instead of failing.
public struct PrincipalPropertySearchReport: ReportHandler {
    /// Creates the report.
    public init() {}

    /// `{DAV:}principal-property-search`.
    public var name: XMLName { .dav("principal-property-search") }

    /// Synthesised collections: the DAV root and the principal folders.
    public func isSupported(on resource: DAVResource) -> Bool { resource.kind == .virtualCollection }

    /// Answers with one response per matching principal.
    public func report(_ body: XMLTree, on resource: DAVResource, request: DAVRequest, in context: DAVContext) throws
        -> HTTPResponse
    {
        guard let directory = context.backend as? any PrincipalDirectory else {
            throw DAVError(.forbidden, condition: .dav("supported-report"), "This server has no principal directory.")
        }
        var terms: [(property: XMLName, text: String)] = []
        for search in body.children(named: .dav("property-search")) {
            guard let match = search.child(.dav("match")) else {
                throw DAVError(.badRequest, "Each DAV:property-search needs a DAV:match.")
            }
            for property in search.child(.dav("prop"))?.elements ?? [] {
                terms.append((property.name, match.text))
            }
        }
        let allOf = body.attributes[XMLName("", "test")] != "anyof"
        let principals = try directory.principals(matching: terms, allOf: allOf, as: request.principal)
        let selection = try ReportSelection.decode(body)
        let propstats = try context.propstats(of: principals, selection: selection, as: request.principal)
        var builder = MultistatusBuilder(namespaces: context.responseNamespaces)
        for (principal, groups) in zip(principals, propstats) {
            builder.addResponse(
                href: principal.path.encoded,
                propstats: request.prefersMinimal ? groups.filter { $0.status != 404 } : groups
            )
        }
        return builder.response()
    }
}
