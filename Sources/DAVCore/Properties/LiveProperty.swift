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

    /// Creates a live property.
    public init(
        _ name: XMLName,
        inAllProp: Bool = true,
        isProtected: Bool = true,
        value: @escaping @Sendable (DAVResource, PropertyContext) -> XMLTree?
    ) {
        self.name = name
        self.inAllProp = inAllProp
        self.isProtected = isProtected
        self.value = value
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
