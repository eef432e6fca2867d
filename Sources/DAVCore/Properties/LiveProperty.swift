public import DAVXML

/// A property the server computes (RFC 4918 §15, and the protocol layers' own), in the property registry.
public struct LiveProperty: Sendable {
    /// Its name.
    public var name: XMLName
    /// Whether `allprop` includes it (RFC 4918 §9.1: some are only returned when asked for by name).
    public var inAllProp: Bool
    /// Whether PROPPATCH must refuse to change it (`DAV:cannot-modify-protected-property`).
    public var isProtected: Bool
    /// Its value for a resource, or nil when it does not apply (404 in a `prop` request, omitted otherwise).
    public var value: @Sendable (DAVResource, PropertyContext) -> XMLTree?
    /// For a property whose element holds only character data: appends that text as UTF-8 and answers true, or
    /// answers false when there is no value; `value` is built from it. Listings write the text straight into the
    /// response instead of building and serialising a tree per resource. The text must come from the resource's
    /// row alone (not from locks or other stored state): listings of such properties are cached until the rows
    /// change (`ListingCacheKey`).
    public private(set) var textValue: TextValue?
    /// Whether the value is the same for every resource of one kind (`resourcetype`, `supportedlock`), so a listing
    /// computes and serialises it once per kind, and caches listings of it like those of text values.
    public private(set) var dependsOnlyOnKind: Bool

    /// Creates a live property.
    public init(
        _ name: XMLName,
        inAllProp: Bool = true,
        isProtected: Bool = true,
        dependsOnlyOnKind: Bool = false,
        value: @escaping @Sendable (DAVResource, PropertyContext) -> XMLTree?
    ) {
        self.name = name
        self.inAllProp = inAllProp
        self.isProtected = isProtected
        self.value = value
        self.textValue = nil
        self.dependsOnlyOnKind = dependsOnlyOnKind
    }

    /// Appends a property's text as UTF-8 to the buffer; false when the resource has no value.
    public typealias TextValue = @Sendable (DAVResource, PropertyContext, inout [UInt8]) -> Bool

    /// A live property whose element holds only the text `value` appends (RFC 4918 §15: `getetag`,
    /// `getcontentlength` and the like).
    public static func text(
        _ name: XMLName,
        inAllProp: Bool = true,
        isProtected: Bool = true,
        _ value: @escaping TextValue
    ) -> LiveProperty {
        var property = LiveProperty(name, inAllProp: inAllProp, isProtected: isProtected) { resource, context in
            var text: [UInt8] = []
            guard value(resource, context, &text) else { return nil }
            return XMLTree(name, text: String(decoding: text, as: UTF8.self))
        }
        property.textValue = value
        return property
    }
}

/// What a live property's value may depend on besides the resource.
public struct PropertyContext: Sendable {
    /// Who is asking.
    public var principal: Principal
    /// The principal URL of the requester, for `current-user-principal` (RFC 5397).
    public var principalHref: String
    /// The locks around the resources of the response, for `lockdiscovery` (RFC 4918 §15.8).
    public var locks: LockSnapshot

    /// Creates a context.
    public init(principal: Principal, principalHref: String, locks: LockSnapshot = .empty) {
        self.principal = principal
        self.principalHref = principalHref
        self.locks = locks
    }
}
