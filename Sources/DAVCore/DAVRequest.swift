public import DAVXML
public import HTTPWire

/// A request as DAV method handlers see it: the HTTP request, its normalised path and who sent it.
public struct DAVRequest {
    /// The underlying request (head and body stream).
    public var http: HTTPRequest
    /// The normalised target path.
    public var path: DAVPath
    /// The authenticated principal.
    public var principal: Principal

    /// Creates a request.
    public init(http: HTTPRequest, path: DAVPath, principal: Principal) {
        self.http = http
        self.path = path
        self.principal = principal
    }

    /// The method.
    public var method: HTTPMethod { http.head.method }
    /// The headers.
    public var headers: HTTPHeaders { http.head.headers }

    /// Whether the client asked for a minimal multistatus without 404 propstats: `Prefer: return=minimal`
    /// (RFC 8144 §2.1) or Microsoft's `Brief: t`.
    public var prefersMinimal: Bool {
        if headers["Brief"]?.lowercased().hasPrefix("t") == true { return true }
        return headers.listValues(of: "Prefer").contains { $0.lowercased() == "return=minimal" }
    }

    /// Whether the request carries a body (framing says so).
    public var hasBody: Bool { http.head.bodyFraming != .none }
}

/// What every handler can reach: the backend, the property registry and the server's limits.
public struct DAVContext: Sendable {
    /// The resource store, with access control.
    public var backend: any DAVBackend
    /// The live properties.
    public var properties: PropertyRegistry
    /// Largest body a handler parses in memory (XML, iCalendar); file uploads stream instead.
    public var maxParsedBodySize: Int
    /// Where principals live, e.g. `/dav/principals/users/`.
    public var principalCollection: DAVPath
    /// Namespaces declared on the root of multistatus responses.
    public var responseNamespaces: [String]
    /// What calendar and address-book collections require of their members, by collection kind.
    public var objectPolicies: [ResourceKind: any ObjectContentPolicy]
    /// How GET renders a whole calendar or address book, by collection kind.
    public var exports: [ResourceKind: any CollectionExport]
    /// Converted forms of stored objects for GET with `Accept`, by stored media type.
    public var representations: [String: any AlternateRepresentation]
    /// WebDAV locking (RFC 4918 class 2); nil when the server does not lock, and `If` is then still evaluated.
    public var locks: LockManager?
    /// Bodies of listings of unchanged collections (Docs/decisions/0009); nil to build every listing anew.
    public var listingCache: ListingCache?
    /// Responses of objects in object reports, reused for the same objects (Docs/decisions/0017); nil to render
    /// every response anew.
    public var reportFragments: ReportFragmentCache?

    /// Creates a context.
    public init(
        backend: any DAVBackend,
        properties: PropertyRegistry,
        maxParsedBodySize: Int = 16 << 20,
        principalCollection: DAVPath,
        responseNamespaces: [String] = [Namespaces.dav],
        objectPolicies: [any ObjectContentPolicy] = [],
        exports: [any CollectionExport] = [],
        representations: [any AlternateRepresentation] = [],
        locks: LockManager? = nil,
        listingCache: ListingCache? = nil,
        reportFragments: ReportFragmentCache? = nil
    ) {
        self.backend = backend
        self.properties = properties
        self.maxParsedBodySize = maxParsedBodySize
        self.principalCollection = principalCollection
        self.responseNamespaces = responseNamespaces
        self.objectPolicies = Dictionary(
            objectPolicies.map { ($0.collectionKind, $0) },
            uniquingKeysWith: { _, last in last }
        )
        self.exports = Dictionary(exports.map { ($0.collectionKind, $0) }, uniquingKeysWith: { _, last in last })
        self.representations = Dictionary(
            representations.map { ($0.storedMediaType, $0) },
            uniquingKeysWith: { _, last in last }
        )
        self.locks = locks
        self.listingCache = listingCache
        self.reportFragments = reportFragments
    }

    /// The principal URL of a user (RFC 5397, RFC 3744 §4).
    public func principalHref(_ principal: Principal) -> String {
        (principalCollection.appending(principal.name, isCollection: true) ?? principalCollection).encoded
    }

    /// Reads and parses an XML request body; nil when there is none. Bodies over `maxParsedBodySize` get 413,
    /// DTDs and entities 403, malformed XML 400.
    public func readXMLBody(of request: DAVRequest) throws -> XMLTree? {
        guard request.hasBody else { return nil }
        let bytes = try request.http.body.readAll(limit: maxParsedBodySize)
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) { return nil }
        do {
            return try XMLReader().parse(bytes)
        } catch .documentTypeDeclarationRefused {
            throw DAVError(.forbidden, XMLReaderError.documentTypeDeclarationRefused.description)
        } catch {
            throw DAVError(.badRequest, error.description)
        }
    }
}

/// One HTTP method's semantics (one type per file under `Methods/`).
public protocol MethodHandler: Sendable {
    /// The method served.
    var method: HTTPMethod { get }
    /// Handles the request; throws `DAVError` for client-visible failures.
    func handle(_ request: DAVRequest, in context: DAVContext) throws -> HTTPResponse
}
