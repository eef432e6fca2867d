public import DAVXML

/// What the store indexes about a calendar or address object (RFC 4791 §4.1, RFC 6352 §5.1): the UID that must
/// be unique in its collection, the main component and the UTC span of its instances for time-range queries.
public struct ObjectSummary: Sendable, Hashable {
    /// The UID.
    public var uid: String
    /// `VEVENT`, `VTODO`, `VJOURNAL`, `VFREEBUSY`, `VAVAILABILITY` or `VCARD`.
    public var component: String
    /// First instant covered, UTC epoch seconds; `Int64.min` when unknown.
    public var spanStart: Int64
    /// Instant after the last instance, UTC epoch seconds; `Int64.max` when unbounded.
    public var spanEnd: Int64
    /// Every instance of the object in UTC, when they are few, finite and fixed in UTC (no floating or DATE
    /// values): then a plain time-range query is answered from them without parsing the object. Nil otherwise.
    public var exactInstances: [ObjectInstance]?
    /// The property values an address object is searched by (RFC 6352 §10.5.4); empty for other objects.
    public var searchValues: [ObjectSearchValue]

    /// Creates a summary.
    public init(
        uid: String,
        component: String,
        spanStart: Int64 = .min,
        spanEnd: Int64 = .max,
        exactInstances: [ObjectInstance]? = nil,
        searchValues: [ObjectSearchValue] = []
    ) {
        self.uid = uid
        self.component = component
        self.spanStart = spanStart
        self.spanEnd = spanEnd
        self.exactInstances = exactInstances
        self.searchValues = searchValues
    }
}

/// One instance of a calendar object: `[start, end)` in UTC epoch seconds (RFC 4791 §9.9).
public struct ObjectInstance: Sendable, Hashable {
    /// The start.
    public var start: Int64
    /// The end (equal to the start for a zero-length instance).
    public var end: Int64

    /// Creates an instance.
    public init(start: Int64, end: Int64) {
        self.start = start
        self.end = end
    }
}

/// One object resource with its bytes, as reports read them.
public struct StoredObject: Sendable {
    /// The resource.
    public var resource: DAVResource
    /// Its content.
    public var bytes: [UInt8]
    /// For a read that asked for a time range: whether one of the object's exact instances overlaps it
    /// (half-open, RFC 4791 §9.9); nil when the object has no exact instances (it must be checked by parsing).
    public var exactRangeHit: Bool?

    /// Creates a value.
    public init(resource: DAVResource, bytes: [UInt8], exactRangeHit: Bool? = nil) {
        self.resource = resource
        self.bytes = bytes
        self.exactRangeHit = exactRangeHit
    }
}

/// A backend that holds calendar and address-book collections (RFC 4791 §4.2, RFC 6352 §5.2): typed
/// collections, objects stored with their index summary, and the index-backed reads that queries and multiget
/// reports need (sabre/dav's `calendarQuery` fast path).
public protocol ObjectBackend: DAVBackend {
    /// Creates a collection of `kind` (plain folder, calendar, address book) with initial dead properties, in one
    /// transaction (RFC 4791 §5.3.1 MKCALENDAR, RFC 5689 extended MKCOL).
    func makeCollection(at path: DAVPath, kind: ResourceKind, properties: [XMLTree], as principal: Principal)
        throws -> DAVResource

    /// Stores an object with its summary; `precondition` runs inside the write transaction with the current
    /// resource. A UID already used by another member throws the protocol's `no-uid-conflict` error.
    func putObject(
        at path: DAVPath,
        bytes: [UInt8],
        contentType: String,
        summary: ObjectSummary,
        precondition: (DAVResource?) throws -> Void,
        as principal: Principal
    ) throws -> (resource: DAVResource, created: Bool)

    /// The indexed objects of a collection whose component is `component` (any when nil) and whose span may
    /// overlap `[start, end]` — a superset of the exact matches, sorted by name; each with `exactRangeHit` set
    /// when the object's instances are indexed exactly.
    /// With `content` false the objects come without their bytes (empty), for reports that answer from the
    /// index alone.
    func objects(
        in collection: DAVPath,
        component: String?,
        from start: Int64?,
        to end: Int64?,
        content: Bool,
        as principal: Principal
    ) throws -> [StoredObject]

    /// The objects at `paths`, which all lie directly inside `collection`, in one read: each object that exists
    /// with the position in `paths` of the path naming it, at that path, in no particular order. Missing ones are
    /// left out; a path given twice gives the object twice, once at each position.
    func objects(at paths: [DAVPath], in collection: DAVPath, as principal: Principal) throws -> [(
        position: Int, object: StoredObject
    )]
}
