import DAVXML

/// `DAV:current-user-privilege-set` (RFC 3744 §5.4). Access is owner-only for now, so the owner of a stored
/// resource holds every privilege and synthesised resources (the DAV root, principals) are read-only; clients
/// such as Thunderbird read this to decide whether a calendar is writable.
public enum PrivilegeProperties {
    /// The privileges of an owner (RFC 3744 §3, RFC 4918 §18 bind/unbind; RFC 4791 §6.1.1 read-free-busy).
    static let ownerPrivileges: [XMLName] = [
        .dav("read"), .dav("write"), .dav("write-properties"), .dav("write-content"), .dav("bind"),
        .dav("unbind"), .dav("unlock"), .dav("read-acl"), .dav("read-current-user-privilege-set"), .dav("write-acl"),
        XMLName(Namespaces.calDAV, "read-free-busy"),
    ]

    /// What a visitor of a synthesised resource holds.
    static let readPrivileges: [XMLName] = [.dav("read"), .dav("read-current-user-privilege-set")]

    /// The properties.
    public static func all() -> [LiveProperty] {
        [
            LiveProperty(.dav("current-user-privilege-set"), inAllProp: false, dependsOnlyOnKind: true) { resource, _ in
                let privileges = resource.kind.isSynthesised ? readPrivileges : ownerPrivileges
                return XMLTree(
                    .dav("current-user-privilege-set"),
                    children: privileges.map { name in
                        .element(XMLTree(.dav("privilege"), children: [.element(XMLTree(name))]))
                    }
                )
            }
        ]
    }
}
