import DAVXML

/// The RFC 3744 access-control properties that describe this server's fixed access model: every stored resource
/// belongs to its owner, who holds every privilege through one protected ACE, and synthesised resources (the DAV
/// root, principals) are readable by every authenticated user. `supported-privilege-set` (§5.3), `acl` (§5.5),
/// `acl-restrictions` (§5.6) and `inherited-acl-set` (§5.7); `current-user-privilege-set` (§5.4) is in
/// ``PrivilegeProperties``, `owner` (§5.1) and `principal-collection-set` (§5.8) with the principals.
public enum AccessControlProperties {
    /// One node of the `supported-privilege-set` tree (RFC 3744 §5.3).
    struct SupportedPrivilege {
        var name: XMLName
        var isAbstract = false
        var description: String
        var children: [SupportedPrivilege] = []

        var element: XMLTree {
            var nodes: [XMLTree.Node] = [
                .element(XMLTree(.dav("privilege"), children: [.element(XMLTree(name))]))
            ]
            if isAbstract { nodes.append(.element(XMLTree(.dav("abstract")))) }
            nodes.append(
                .element(XMLTree(.dav("description"), attributes: [Self.lang: "en"], children: [.text(description)]))
            )
            nodes += children.map { .element($0.element) }
            return XMLTree(.dav("supported-privilege"), children: nodes)
        }

        static let lang = XMLName("http://www.w3.org/XML/1998/namespace", "lang")
    }

    /// The privileges this server knows: RFC 3744 §3 aggregated under `DAV:all`, with bind/unbind (RFC 3744
    /// §3.9–3.10) under write and CalDAV's `read-free-busy` under read (RFC 4791 §6.1.1).
    static let privilegeTree = SupportedPrivilege(
        name: .dav("all"),
        isAbstract: true,
        description: "Any operation",
        children: [
            SupportedPrivilege(
                name: .dav("read"),
                description: "Read any object",
                children: [
                    SupportedPrivilege(
                        name: XMLName(Namespaces.calDAV, "read-free-busy"),
                        description: "Read free/busy information"
                    )
                ]
            ),
            SupportedPrivilege(
                name: .dav("write"),
                description: "Write any object",
                children: [
                    SupportedPrivilege(name: .dav("write-properties"), description: "Write properties"),
                    SupportedPrivilege(name: .dav("write-content"), description: "Write resource content"),
                    SupportedPrivilege(name: .dav("bind"), description: "Add new members to a collection"),
                    SupportedPrivilege(name: .dav("unbind"), description: "Remove members from a collection"),
                ]
            ),
            SupportedPrivilege(name: .dav("unlock"), description: "Unlock a resource locked by another principal"),
            SupportedPrivilege(name: .dav("read-acl"), description: "Read the access control list"),
            SupportedPrivilege(
                name: .dav("read-current-user-privilege-set"),
                description: "Read the current user's privileges"
            ),
            SupportedPrivilege(name: .dav("write-acl"), description: "Change the access control list"),
        ]
    )

    /// The properties.
    public static func all() -> [LiveProperty] {
        [
            LiveProperty(.dav("supported-privilege-set"), inAllProp: false) { _, _ in
                XMLTree(.dav("supported-privilege-set"), children: [.element(privilegeTree.element)])
            },
            LiveProperty(.dav("acl"), inAllProp: false) { resource, context in
                XMLTree(.dav("acl"), children: [.element(protectedEntry(for: resource, context: context))])
            },
            LiveProperty(.dav("acl-restrictions"), inAllProp: false) { _, _ in
                XMLTree(
                    .dav("acl-restrictions"),
                    children: [.element(XMLTree(.dav("grant-only"))), .element(XMLTree(.dav("no-invert")))]
                )
            },
            LiveProperty(.dav("inherited-acl-set"), inAllProp: false) { _, _ in
                XMLTree(.dav("inherited-acl-set"))
            },
        ]
    }

    /// The one ACE a resource has (RFC 3744 §5.5): `DAV:all` for the owner — the requester, since nobody else
    /// reaches a stored resource — or `DAV:read` for every authenticated user on synthesised resources.
    static func protectedEntry(for resource: DAVResource, context: PropertyContext) -> XMLTree {
        let principal: XMLTree.Node =
            resource.kind.isSynthesised
            ? .element(XMLTree(.dav("authenticated")))
            : .element(XMLTree(.dav("href"), text: context.principalHref))
        let privilege: XMLName = resource.kind.isSynthesised ? .dav("read") : .dav("all")
        return XMLTree(
            .dav("ace"),
            children: [
                .element(XMLTree(.dav("principal"), children: [principal])),
                .element(
                    XMLTree(
                        .dav("grant"),
                        children: [.element(XMLTree(.dav("privilege"), children: [.element(XMLTree(privilege))]))]
                    )
                ),
                .element(XMLTree(.dav("protected"))),
            ]
        )
    }
}
