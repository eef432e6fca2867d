public import DAVXML
public import HTTPWire

/// The `sync-collection` report (RFC 6578 §3): what changed among a collection's members since a sync token,
/// on any collection whose backend keeps a change log. An empty token means initial sync (§3.4); `limit` truncates
/// with a 507 response for the collection and a token to continue from (§3.6); a token from elsewhere gets 403
/// `DAV:valid-sync-token`.
public struct SyncCollectionReport: ReportHandler {
    /// Creates the report.
    public init() {}

    /// `{DAV:}sync-collection`.
    public var name: XMLName { .dav("sync-collection") }

    /// Every stored collection (not the synthesised ones).
    public func isSupported(on resource: DAVResource) -> Bool {
        resource.isCollection && !resource.kind.isSynthesised
    }

    /// Answers with the changed members and the new token.
    public func report(_ body: XMLTree, on resource: DAVResource, request: DAVRequest, in context: DAVContext) throws
        -> HTTPResponse
    {
        guard let backend = context.backend as? any SyncBackend else {
            throw DAVError(.forbidden, condition: .dav("supported-report"), "This collection keeps no change log.")
        }
        let query = try SyncCollectionQuery(body)
        if query.level == .infinite {
            throw DAVError(
                .forbidden,
                condition: .dav("sync-traversal-supported"),
                "Only sync-level 1 is supported; sync each collection on its own."
            )
        }
        var since: Int64?
        if let tokenText = query.token {
            guard let token = SyncToken(tokenText), token.collection == resource.identifier,
                token.revision <= resource.syncRevision
            else {
                throw DAVError(.forbidden, condition: .dav("valid-sync-token"), "The sync token is not valid here.")
            }
            since = token.revision
        }
        if since == nil, query.limit == nil {
            return try initialListing(of: resource, selection: query.selection, request: request, context: context)
        }
        let found = try backend.changes(in: request.path, since: since, as: request.principal)
        var changes = found.changes.sorted { ($0.revision, $0.name) < ($1.revision, $1.name) }
        var tokenRevision = found.revision
        var truncated = false
        if let limit = query.limit, changes.count > limit {
            let cut = changes[max(limit - 1, 0)].revision
            changes = Array(changes.prefix { $0.revision <= cut })
            tokenRevision = cut
            truncated = true
        }
        return try render(
            changes,
            token: SyncToken(collection: resource.identifier, revision: tokenRevision),
            truncated: truncated,
            selection: query.selection,
            request: request,
            context: context
        )
    }

    /// Initial sync without a limit (RFC 6578 §3.4): every member, page by page, and the token of the collection as
    /// it was before the first page was read. A member that changes while the pages are read is listed as it is
    /// then, and again by the next sync, since its revision is above the token's.
    private func initialListing(
        of collection: DAVResource,
        selection: PropertySelection,
        request: DAVRequest,
        context: DAVContext
    ) throws -> HTTPResponse {
        var cacheFill: ListingCacheFill?
        switch context.cachedListing(
            of: collection,
            at: request.path,
            selection: selection,
            request: .initialSync,
            principal: request.principal
        ) {
        case .hit(let response): return response
        case .miss(let fill): cacheFill = fill
        case .notCached: break
        }
        let token = SyncToken(of: collection)
        let listing = MemberListing(
            responses: PropertyResponseWriter(
                context: context,
                selection: selection,
                principal: request.principal,
                collection: request.path
            ),
            pages: MemberPages(of: request.path, in: context.backend, as: request.principal),
            trailer: { builder in builder.add(XMLTree(.dav("sync-token"), text: token.description)) },
            cacheFill: cacheFill
        )
        return try listing.response(leading: [], namespaces: context.responseNamespaces)
    }

    /// The changed members that still exist, then a 404 for each deleted one, the 507 of a truncated report
    /// (RFC 6578 §3.6) and the new token.
    private func render(
        _ changes: [MemberChanges.Change],
        token: SyncToken,
        truncated: Bool,
        selection: PropertySelection,
        request: DAVRequest,
        context: DAVContext
    ) throws -> HTTPResponse {
        let collection = request.path.asCollection(true)
        let trailer: @Sendable (inout MultistatusBuilder) -> Void = { builder in
            for change in changes where change.deleted {
                guard let path = collection.appending(change.name) else { continue }
                builder.addResponse(href: path.encoded, status: 404)
            }
            if truncated {
                builder.addResponse(
                    href: collection.encoded,
                    status: 507,
                    error: .dav("number-of-matches-within-limits")
                )
            }
            builder.add(XMLTree(.dav("sync-token"), text: token.description))
        }
        var responses = PropertyResponseWriter(
            context: context,
            selection: selection,
            principal: request.principal,
            collection: collection
        )
        let present = changes.filter { !$0.deleted }.map(\.name)
        if present.count > Self.singleLookups {
            let wanted = Set(present)
            let listing = MemberListing(
                responses: responses,
                pages: MemberPages(of: collection, in: context.backend, as: request.principal),
                includes: { wanted.contains($0.path.lastSegment) },
                trailer: trailer
            )
            return try listing.response(leading: [], namespaces: context.responseNamespaces)
        }
        let resources = try present.compactMap { name in
            try collection.appending(name).flatMap { try context.backend.resource(at: $0, as: request.principal) }
        }
        var builder = MultistatusBuilder(namespaces: context.responseNamespaces)
        try responses.write(resources, into: &builder)
        trailer(&builder)
        return builder.response()
    }

    /// Up to this many changed members are looked up one by one; more are picked out of the member listing.
    private static let singleLookups = 16
}

/// The body of a `sync-collection` request (RFC 6578 §6.1).
struct SyncCollectionQuery {
    /// `sync-level` (RFC 6578 §6.3).
    enum Level { case one, infinite }

    /// The token; nil for an empty element (initial sync).
    var token: String?
    var level: Level
    /// `limit/nresults` (RFC 5323 §5.17).
    var limit: Int?
    var selection: PropertySelection

    init(_ body: XMLTree) throws {
        guard let tokenElement = body.child(.dav("sync-token")) else {
            throw DAVError(.badRequest, "sync-collection needs a DAV:sync-token element.")
        }
        let tokenText = tokenElement.text.trimmingASCIIWhitespace
        token = tokenText.isEmpty ? nil : tokenText
        switch body.child(.dav("sync-level"))?.text.trimmingASCIIWhitespace {
        case nil, "1": level = .one
        case "infinite", "infinity": level = .infinite
        case let other?: throw DAVError(.badRequest, "sync-level must be 1 or infinite, not \(other).")
        }
        if let limit = body.child(.dav("limit")) {
            guard let text = limit.child(.dav("nresults"))?.text.trimmingASCIIWhitespace, let count = Int(text),
                count > 0
            else {
                throw DAVError(.badRequest, "DAV:limit needs a positive DAV:nresults.")
            }
            self.limit = count
        }
        selection = try ReportSelection.decode(body)
    }
}
