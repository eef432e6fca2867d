import HTTPWire

/// A 207 of some resources and then a collection's members (RFC 4918 §9.1 `Depth: 1`, RFC 6578 §3 sync-collection):
/// built whole when the members fit in one page, otherwise streamed (chunked) a page at a time as the backend reads
/// them, so neither the members nor the body of a listing of 100,000 ever sit in memory whole.
struct MemberListing: Sendable {
    /// Writes the responses.
    var responses: PropertyResponseWriter
    /// Where the members come from.
    var pages: MemberPages
    /// Which members get a response; all when nil.
    var includes: (@Sendable (DAVResource) -> Bool)?
    /// Written after the members (RFC 6578: tombstones, the 507 of a truncated report, the new token).
    var trailer: @Sendable (inout MultistatusBuilder) -> Void = { _ in }
    /// Stores the body in the listing cache once written, unless it lists a member collection.
    var cacheFill: ListingCacheFill?

    /// The response: `leading` first, then the members. The first page is read here, so a failure to list (403,
    /// 404) is still answered with its status; a failure on a later page cuts the streamed body short.
    func response(leading: [DAVResource], namespaces: [String]) throws -> HTTPResponse {
        var responses = responses
        var pages = pages
        let members = try pages.next() ?? []
        let firstPage = leading + selected(members)
        if pages.isFinished {
            var builder = MultistatusBuilder(namespaces: namespaces)
            try responses.write(firstPage, into: &builder)
            trailer(&builder)
            let response = builder.response()
            if let cacheFill, !Self.listsCollections(members), case .bytes(let body) = response.body {
                cacheFill.store(body)
            }
            return response
        }
        let (prepared, rest) = (responses, pages)
        let recorder = cacheFill?.recorder()
        if Self.listsCollections(members) { recorder?.abandon() }
        let response = MultistatusBuilder.streamed(namespaces: namespaces) { [self] builder, flush in
            var responses = prepared
            var pages = rest
            try responses.write(firstPage, into: &builder)
            try flush(&builder)
            while let page = try pages.next() {
                if Self.listsCollections(page) { recorder?.abandon() }
                try responses.write(selected(page), into: &builder)
                try flush(&builder)
            }
            trailer(&builder)
        }
        return recorder?.recording(response) ?? response
    }

    /// Whether some member is a collection, whose own change revision a cached listing's key does not cover.
    private static func listsCollections(_ members: [DAVResource]) -> Bool {
        members.contains { $0.isCollection }
    }

    private func selected(_ page: [DAVResource]) -> [DAVResource] {
        guard let includes else { return page }
        return page.filter(includes)
    }
}
