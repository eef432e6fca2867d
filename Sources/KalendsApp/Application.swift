public import Auth
import CalDAV
import CardDAV
import DAVCore
import DAVXML
import Foundation
public import HTTPServer
public import HTTPWire
public import Logging
import Recurrence
public import Store

/// The composition root's request handler: anonymous routes, authentication, the URL space and the DAV
/// dispatcher. Runs on the server's worker threads.
public final class Application: HTTPResponder, @unchecked Sendable {
    private let store: DataStore
    private let authenticator: Authenticator
    private let dispatcher: DAVDispatcher
    private let context: DAVContext
    private let realm: String
    private let logger: Logger
    private let provisioning: HomeProvisioning

    /// Wires the application over an open store.
    public init(configuration: Configuration, store: DataStore, authenticator: Authenticator, logger: Logger) {
        self.store = store
        self.authenticator = authenticator
        self.realm = configuration.string("auth.realm")
        self.logger = logger
        self.provisioning = HomeProvisioning(store: store)
        let maxObjectSize = configuration.integer("caldav.max_resource_size")
        var limits = ExpansionLimits.default
        limits.maxInstances = configuration.integer("caldav.max_instances")
        let reports = ReportRegistry([
            SyncCollectionReport(), CalendarMultigetReport(limits: limits), CalendarQueryReport(limits: limits),
            FreeBusyQueryReport(limits: limits), AddressBookMultigetReport(), AddressBookQueryReport(),
            ExpandPropertyReport(), PrincipalPropertySearchReport(), PrincipalSearchPropertySetReport(),
        ])
        let properties =
            CoreProperties.all(resourceTypes: Self.resourceTypes) + SyncProperties.all(reports: reports)
            + PrivilegeProperties.all() + AccessControlProperties.all()
            + PrincipalProperties.all(store: store, quota: Int64(configuration.integer("limits.user_quota")))
            + CalendarProperties.all(
                maxResourceSize: maxObjectSize,
                maxInstances: limits.maxInstances,
                maxAttendees: configuration.integer("caldav.max_attendees")
            )
            + AddressBookProperties.all(maxResourceSize: maxObjectSize) + LockProperties.all
        let backend = HomeBackend(
            store: store,
            discardsAppleMetadata: configuration.boolean("webdav.ignore_apple_metadata"),
            logger: logger
        )
        self.context = DAVContext(
            backend: backend,
            properties: PropertyRegistry(properties),
            maxParsedBodySize: configuration.integer("limits.max_xml_body"),
            principalCollection: URLSpace.principalRoot,
            responseNamespaces: [Namespaces.dav, Namespaces.calDAV, Namespaces.cardDAV],
            objectPolicies: [
                CalendarObjectPolicy(
                    maxSize: maxObjectSize,
                    limits: limits,
                    maxAttendees: configuration.integer("caldav.max_attendees")
                ),
                AddressObjectPolicy(maxSize: maxObjectSize),
            ],
            exports: [CalendarExport(), AddressBookExport()],
            representations: [CalendarRepresentation(), VCardRepresentation()],
            locks: LockManager(
                backend: backend,
                maxTimeout: Int64(configuration.seconds("limits.max_lock_timeout")),
                clock: { Int64(Date().timeIntervalSince1970) }
            ),
            listingCache: Self.listingCache(bytes: configuration.integer("limits.listing_cache_bytes")),
            reportFragments: Self.reportFragments(bytes: configuration.integer("limits.report_cache_bytes"))
        )
        self.dispatcher = Self.makeDispatcher(reports: reports)
    }

    /// The compliance classes advertised in `DAV:` headers: 2 for locking, 3 for RFC 4918 itself, RFC 3744
    /// access control (its properties and ACL), and the CalDAV (with RFC 7809 time zones by reference), CardDAV
    /// and extended-MKCOL features.
    static let complianceClasses = [
        "1", "2", "3", "access-control", "calendar-access", "calendar-no-timezone", "addressbook", "extended-mkcol",
    ]

    /// The `resourcetype` elements of calendar and address-book collections (RFC 4791 §4.2, RFC 6352 §5.2).
    static let resourceTypes: [ResourceKind: [XMLName]] = [
        .calendar: [XMLName(Namespaces.calDAV, "calendar")],
        .addressBook: [XMLName(Namespaces.cardDAV, "addressbook")],
        .principal: [.dav("principal")],
        .scheduleInbox: [XMLName(Namespaces.calDAV, "schedule-inbox")],
        .scheduleOutbox: [XMLName(Namespaces.calDAV, "schedule-outbox")],
    ]

    /// The listing cache (Docs/decisions/0009) with a budget of `bytes`, none when 0; one body may take up to 8 MiB.
    static func listingCache(bytes: Int) -> ListingCache? {
        bytes > 0 ? ListingCache(byteBudget: bytes, entryLimit: 8 << 20) : nil
    }

    static func reportFragments(bytes: Int) -> ReportFragmentCache? {
        bytes > 0 ? ReportFragmentCache(budget: bytes) : nil
    }

    private static func makeDispatcher(reports: ReportRegistry) -> DAVDispatcher {
        let handlers: [any MethodHandler] = [
            GetMethod(method: .get), GetMethod(method: .head), PutMethod(), DeleteMethod(),
            MkcolMethod(resourceTypes: resourceTypes),
            PropfindMethod(), ProppatchMethod(), CopyMoveMethod(method: .copy), CopyMoveMethod(method: .move),
            ReportMethod(registry: reports), MkcalendarMethod(),
            LockMethod(), UnlockMethod(), AclMethod(),
        ]
        let methods = handlers.map(\.method) + [.options]
        return DAVDispatcher(
            handlers: handlers + [OptionsMethod(complianceClasses: complianceClasses, allowedMethods: methods)]
        )
    }

    /// Answers one request.
    public func respond(to request: HTTPRequest) -> HTTPResponse {
        let rawPath = request.head.path
        if let anonymous = anonymousResponse(for: rawPath, method: request.method) { return anonymous }
        guard let path = DAVPath(encoded: rawPath) else {
            return .text(.badRequest, "The request path is not a valid path.")
        }
        let user: String
        switch authenticator.authenticate(
            authorizationHeader: request.headers["Authorization"],
            clientAddress: request.remoteAddress
        )
        {
        case .authenticated(let name):
            user = name
        case .rejected:
            return challenge()
        case .throttled:
            var headers = HTTPHeaders()
            headers.add(name: "Retry-After", value: "60")
            return .text(
                .tooManyRequests,
                "Too many failed logins for this user name or from this address; try again in a minute.",
                headers: headers
            )
        }
        var (response, pending) = store.deferringDurability { () -> HTTPResponse in
            do {
                try provisioning.ensureHome(of: user)
                return try route(request, path: path, user: user)
            } catch {
                logger.error("request failed: \(request.method) \(path): \(error)")
                return DAVDispatcher.render(error)
            }
        }
        response.accessLogUser = user
        if let pending { response.gate = DurabilityGate(pending: pending) }
        return response
    }

    private func route(_ request: HTTPRequest, path: DAVPath, user: String) throws -> HTTPResponse {
        let principal = Principal(name: user)
        let home = URLSpace.home(of: user)
        let isRead = request.method == .get || request.method == .head
        if path.segments.isEmpty, isRead {
            return LandingPage.response(user: user, home: home)
        }
        if isRead, path == URLSpace.davRoot || path == URLSpace.homeRoot {
            var headers = HTTPHeaders()
            headers.add(name: "Location", value: home.encoded)
            return HTTPResponse(status: HTTPStatus(code: 302), headers: headers)
        }
        return dispatcher.dispatch(DAVRequest(http: request, path: path, principal: principal), in: context)
    }

    /// `/.well-known/caldav|carddav` (RFC 6764 §5) and `/health` need no login.
    private func anonymousResponse(for path: Substring, method: HTTPMethod) -> HTTPResponse? {
        switch path {
        case "/.well-known/caldav", "/.well-known/caldav/", "/.well-known/carddav", "/.well-known/carddav/":
            var headers = HTTPHeaders()
            headers.add(name: "Location", value: URLSpace.davRoot.encoded)
            return HTTPResponse(status: .movedPermanently, headers: headers)
        case "/health":
            return .text(.ok, "ok")
        default:
            return nil
        }
    }

    private func challenge() -> HTTPResponse {
        var headers = HTTPHeaders()
        headers.add(name: "WWW-Authenticate", value: "Basic realm=\"\(realm)\", charset=\"UTF-8\"")
        return .text(.unauthorized, "Authentication required.", headers: headers)
    }
}

/// Holds a response back until the writes of its request are on disk (ADR 0019).
struct DurabilityGate: ResponseGate {
    let pending: PendingDurability

    func whenOpen(_ opened: @escaping @Sendable (Bool) -> Void) {
        pending.whenDurable(opened)
    }
}

/// Creates a user's home, default calendar and default address book the first time the user is seen.
final class HomeProvisioning: @unchecked Sendable {
    private let store: DataStore
    private let lock = NSLock()
    private var provisioned: Set<String> = []

    /// The default collections every user gets: name, type and properties (the calendar takes events and tasks).
    static let defaultCollections: [(name: String, type: CollectionType, properties: [XMLTree])] = [
        ("calendar", .calendar, [CalendarProperties.componentSet(["VEVENT", "VTODO"])]),
        ("contacts", .addressBook, []),
    ]

    init(store: DataStore) { self.store = store }

    /// Makes sure `/dav/home/<user>/`, its `calendar/` and `contacts/` exist; cheap after the first call.
    func ensureHome(of user: String) throws {
        if lock.withLock({ provisioned.contains(user) }) { return }
        if try store.user(named: user) == nil {
            // Users from an htpasswd file have no password in the store.
            do { _ = try store.createUser(name: user, email: nil, passwordHash: "!") } catch StoreError.conflict {}
        }
        for collection in Self.defaultCollections where try store.node(at: "\(user)/\(collection.name)") == nil {
            do {
                _ = try store.createCollection(
                    at: "\(user)/\(collection.name)",
                    type: collection.type,
                    properties: collection.properties.map(HomeBackend.deadProperty)
                )
            } catch StoreError.alreadyExists {}
        }
        lock.withLock { _ = provisioned.insert(user) }
    }
}
