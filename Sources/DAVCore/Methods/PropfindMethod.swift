import DAVXML
public import HTTPWire

/// PROPFIND (RFC 4918 §9.1): properties of a resource and, with `Depth: 1`, of its members, as a 207.
/// `Depth: infinity` is refused with `DAV:propfind-finite-depth` (RFC 4918 §9.1.1, allowed by the RFC). A request
/// without a `Depth` header is answered as `Depth: 1`, like sabre/dav, not refused as infinity: clients such as the
/// Python webdav4 library send none (Docs/decisions/0007).
public struct PropfindMethod: MethodHandler {
    /// Creates the handler.
    public init() {}

    /// Serves PROPFIND.
    public var method: HTTPMethod { .propfind }

    /// Answers with a multistatus.
    public func handle(_ request: DAVRequest, in context: DAVContext) throws -> HTTPResponse {
        guard let depth = Depth.parse(request.headers, defaultValue: .one) else {
            throw DAVError(.badRequest, "Depth must be 0, 1 or infinity.")
        }
        if depth == .infinity {
            throw DAVError(.forbidden, condition: .dav("propfind-finite-depth"), "Depth: infinity is not supported.")
        }
        let selection = try PropertySelection.decode(try context.readXMLBody(of: request))
        guard let resource = try context.backend.resource(at: request.path, as: request.principal) else {
            throw DAVError.notFound(request.path)
        }
        var resources = [resource]
        if depth == .one, resource.isCollection {
            resources += try context.backend.members(of: request.path, as: request.principal)
        }
        let locks = try context.lockSnapshot(for: request, depth: depth, selection: selection)
        let minimal = request.prefersMinimal
        let principal = request.principal
        let render: @Sendable (inout MultistatusBuilder, ArraySlice<DAVResource>) throws -> Void = { builder, batch in
            let propstats = try context.propstats(of: Array(batch), selection: selection, as: principal, locks: locks)
            for (member, groups) in zip(batch, propstats) {
                builder.addResponse(
                    href: member.path.encoded,
                    propstats: minimal ? groups.filter { $0.status != 404 } : groups
                )
            }
        }
        if resources.count > MultistatusBuilder.streamingBatch {
            let all = resources
            return MultistatusBuilder.streamed(namespaces: context.responseNamespaces) { builder, flush in
                var start = 0
                while start < all.count {
                    let end = min(start + MultistatusBuilder.streamingBatch, all.count)
                    try render(&builder, all[start..<end])
                    try flush(&builder)
                    start = end
                }
            }
        }
        var builder = MultistatusBuilder(namespaces: context.responseNamespaces)
        try render(&builder, resources[...])
        return builder.response()
    }
}
