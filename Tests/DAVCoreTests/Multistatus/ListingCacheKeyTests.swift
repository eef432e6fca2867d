import DAVCore
import DAVXML
import Testing

@Suite("Only listings computed from rows alone get a cache key (Docs/decisions/0009)")
struct ListingCacheKeyTests {
    static let registry = PropertyRegistry(
        CoreProperties.all(resourceTypes: [:]) + PrivilegeProperties.all() + LockProperties.all
            + SyncProperties.all(reports: ReportRegistry([]))
            + [LiveProperty(.dav("displayname"), isProtected: false) { _, _ in nil }]
            + [LiveProperty(.dav("quota-used-bytes"), inAllProp: false) { _, _ in XMLTree(.dav("quota-used-bytes")) }]
    )

    static func collection(kind: ResourceKind = .calendar) -> DAVResource {
        DAVResource(
            identifier: kind.isSynthesised ? 0 : 3,
            path: DAVPath(encoded: "/c/")!,
            kind: kind,
            etag: nil,
            contentType: nil,
            contentLength: 0,
            created: 0,
            lastModified: 0,
            syncRevision: 5
        )
    }

    static func key(_ selection: PropertySelection, kind: ResourceKind = .calendar) -> ListingCacheKey? {
        ListingCacheKey(
            listing: collection(kind: kind),
            at: collection().path,
            selection: selection,
            request: .propfindDepthOne(minimal: false),
            principal: Principal(name: "alice"),
            registry: registry
        )
    }

    @Test(
        "text and per-kind live properties are cached",
        arguments: [
            "getetag", "getcontentlength", "getcontenttype", "getlastmodified", "creationdate", "resourcetype",
            "sync-token", "supportedlock", "current-user-privilege-set",
        ]
    )
    func rowPropertiesAreCached(_ name: String) {
        #expect(Self.key(.properties([.dav(name), .dav("getetag")])) != nil)
    }

    @Test(
        "lockdiscovery, quota, unprotected (displayname) and dead properties are never cached",
        arguments: ["lockdiscovery", "quota-used-bytes", "displayname", "unknown-dead-property"]
    )
    func otherPropertiesAreNotCached(_ name: String) {
        #expect(Self.key(.properties([.dav("getetag"), .dav(name)])) == nil)
    }

    @Test("allprop and propname are never cached")
    func allpropAndPropnameAreNotCached() {
        #expect(Self.key(.allProperties(include: [])) == nil)
        #expect(Self.key(.propertyNames) == nil)
    }

    @Test("synthesised collections have no revision and are never cached")
    func synthesisedCollectionsAreNotCached() {
        #expect(Self.key(.properties([.dav("getetag")]), kind: .virtualCollection) == nil)
    }

    @Test("the key holds the revision, the order of the properties and the request")
    func keyDistinguishesRevisionOrderAndRequest() throws {
        let etagFirst = try #require(Self.key(.properties([.dav("getetag"), .dav("resourcetype")])))
        let typeFirst = try #require(Self.key(.properties([.dav("resourcetype"), .dav("getetag")])))
        #expect(etagFirst != typeFirst)
        var minimal = etagFirst
        minimal.request = .propfindDepthOne(minimal: true)
        #expect(minimal != etagFirst)
        var later = etagFirst
        later.revision += 1
        #expect(later != etagFirst)
    }
}
