import DAVXML

/// The live properties of WebDAV locking (RFC 4918 §15.8 `lockdiscovery`, §15.10 `supportedlock`), registered by
/// servers that advertise class 2.
public enum LockProperties {
    /// `supportedlock` (exclusive and shared write locks) and `lockdiscovery` (the locks whose scope includes the
    /// resource, from `PropertyContext.locks`).
    public static let all: [LiveProperty] = [
        LiveProperty(.dav("supportedlock"), dependsOnlyOnKind: true) { _, _ in
            XMLTree(
                .dav("supportedlock"),
                children: [ActiveLock.Scope.exclusive, .shared].map { scope in
                    .element(
                        XMLTree(
                            .dav("lockentry"),
                            children: [
                                .element(
                                    XMLTree(.dav("lockscope"), children: [.element(XMLTree(.dav(scope.rawValue)))])
                                ),
                                .element(XMLTree(.dav("locktype"), children: [.element(XMLTree(.dav("write")))])),
                            ]
                        )
                    )
                }
            )
        },
        LiveProperty(.dav("lockdiscovery")) { resource, context in
            XMLTree(
                .dav("lockdiscovery"),
                children: context.locks.locks(covering: resource.path).map {
                    .element($0.element(now: context.locks.now))
                }
            )
        },
    ]
}
