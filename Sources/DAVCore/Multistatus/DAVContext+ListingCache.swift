import HTTPWire

/// Whether a listing can come from the listing cache (Docs/decisions/0009).
enum ListingCacheLookup {
    /// The stored body, as a 207 with a length.
    case hit(HTTPResponse)
    /// Not stored yet: build the listing and store it with this.
    case miss(ListingCacheFill)
    /// This listing is not cached (no cache, or its selection depends on more than rows).
    case notCached
}

extension DAVContext {
    /// Looks up the listing of `collection` at `path` that `principal` asks for (RFC 4918 §9.1 PROPFIND
    /// `Depth: 1`, RFC 6578 §3.4 initial sync) in the listing cache.
    func cachedListing(
        of collection: DAVResource,
        at path: DAVPath,
        selection: PropertySelection,
        request: ListingCacheKey.Request,
        principal: Principal
    ) -> ListingCacheLookup {
        guard let listingCache,
            let key = ListingCacheKey(
                listing: collection,
                at: path,
                selection: selection,
                request: request,
                principal: principal,
                registry: properties
            )
        else { return .notCached }
        if let body = listingCache.body(for: key) { return .hit(MultistatusBuilder.response(body: .shared(body))) }
        return .miss(ListingCacheFill(listingCache, key: key, path: path, backend: backend, principal: principal))
    }
}
