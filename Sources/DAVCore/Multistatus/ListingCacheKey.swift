public import DAVXML

/// What a cached listing body (`ListingCache`) depends on, for the requests whose answer is a function of the
/// collection's row and its members' rows alone: a PROPFIND `Depth: 1` (RFC 4918 §9.1) or an initial
/// `sync-collection` without a limit (RFC 6578 §3.4) selecting only properties computed from a row or a kind.
///
/// The store bumps a collection's change revision (its sync token and CTag) with every member created, replaced,
/// deleted, moved in or out, copied in or given new dead properties, in the same transaction, and the collection's
/// own row (ETag, last modification) changes only with it. So the revision covers every member row and the
/// collection row, with one exception: a member collection's own revision and time change with *its* members, not
/// with the listed collection's revision. A body listing a member collection is therefore never stored
/// (`MemberListing`). The path is in the key because hrefs are written from it (a collection keeps its id when
/// an ancestor is moved), the requester because a principal's view may differ.
public struct ListingCacheKey: Hashable, Sendable {
    /// Which listing.
    public enum Request: Hashable, Sendable {
        /// PROPFIND `Depth: 1`, with `Prefer: return=minimal` or not (RFC 8144 §2.1).
        case propfindDepthOne(minimal: Bool)
        /// `sync-collection` with an empty token and no limit.
        case initialSync
    }

    /// The collection's store identifier.
    public var collection: Int64
    /// Its change revision when the listing was read.
    public var revision: Int64
    /// Its path as requested, from which every href of the body is written.
    public var path: String
    /// Who asked.
    public var principal: Principal
    /// The kind of listing.
    public var request: Request
    /// The selected properties, in the order asked.
    public var properties: [XMLName]

    /// The key of a listing of `collection` selecting `selection`, or nil when such a listing must not be cached:
    /// a synthesised collection (no change revision), `allprop`/`propname`, or a property that is not computed
    /// from the row or kind alone (`lockdiscovery`, quota, principal properties, dead or unprotected ones, which
    /// `displayname` is).
    public init?(
        listing collection: DAVResource,
        at path: DAVPath,
        selection: PropertySelection,
        request: Request,
        principal: Principal,
        registry: PropertyRegistry
    ) {
        guard collection.isCollection, !collection.kind.isSynthesised, collection.identifier > 0,
            case .properties(let names) = selection, registry.dependOnlyOnRows(names)
        else { return nil }
        self.collection = collection.identifier
        self.revision = collection.syncRevision
        self.path = path.encoded
        self.principal = principal
        self.request = request
        self.properties = names
    }
}
