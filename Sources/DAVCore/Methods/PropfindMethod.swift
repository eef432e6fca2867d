import DAVXML
public import HTTPWire

/// PROPFIND (RFC 4918 §9.1): properties of a resource and, with `Depth: 1`, of its members, as a 207.
/// `Depth: infinity` is refused with `DAV:propfind-finite-depth` (RFC 4918 §9.1.1, allowed by the RFC). A request
/// without a `Depth` header is answered as `Depth: 1`, like sabre/dav, not refused as infinity: clients such as the
/// Python webdav4 library send none (Docs/decisions/0007). A listing longer than one page of members is streamed
/// (chunked) page by page as the backend reads it, so its size in memory does not grow with the collection.
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
        var cacheFill: ListingCacheFill?
        if depth == .one {
            switch context.cachedListing(
                of: resource,
                at: request.path,
                selection: selection,
                request: .propfindDepthOne(minimal: request.prefersMinimal),
                principal: request.principal
            ) {
            case .hit(let response): return response
            case .miss(let fill): cacheFill = fill
            case .notCached: break
            }
        }
        var responses = PropertyResponseWriter(
            context: context,
            selection: selection,
            principal: request.principal,
            locks: try context.lockSnapshot(for: request, depth: depth, selection: selection),
            omitsNotFound: request.prefersMinimal,
            collection: request.path
        )
        guard depth == .one, resource.isCollection else {
            var builder = MultistatusBuilder(namespaces: context.responseNamespaces)
            try responses.write([resource], into: &builder)
            return builder.response()
        }
        let listing = MemberListing(
            responses: responses,
            pages: MemberPages(of: request.path, in: context.backend, as: request.principal),
            cacheFill: cacheFill
        )
        return try listing.response(leading: [resource], namespaces: context.responseNamespaces)
    }
}
