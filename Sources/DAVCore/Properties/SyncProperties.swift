import DAVXML

/// Properties derived from a collection's change log: `DAV:sync-token` (RFC 6578 §4) and Apple's
/// `CS:getctag` (calendarserver.org ctag, which changes whenever a member changes), plus
/// `DAV:supported-report-set` (RFC 3253 §3.1.5) from the report registry.
public enum SyncProperties {
    /// The properties.
    public static func all(reports: ReportRegistry) -> [LiveProperty] {
        [
            LiveProperty(.dav("sync-token"), inAllProp: false) { resource, _ in
                isSynchronisable(resource)
                    ? XMLTree(.dav("sync-token"), text: SyncToken(of: resource).description) : nil
            },
            LiveProperty(XMLName(Namespaces.calendarServer, "getctag"), inAllProp: false) { resource, _ in
                isSynchronisable(resource)
                    ? XMLTree(XMLName(Namespaces.calendarServer, "getctag"), text: SyncToken(of: resource).description)
                    : nil
            },
            LiveProperty(.dav("supported-report-set"), inAllProp: false) { resource, _ in
                XMLTree(
                    .dav("supported-report-set"),
                    children: reports.supported(on: resource).map { name in
                        .element(
                            XMLTree(
                                .dav("supported-report"),
                                children: [.element(XMLTree(.dav("report"), children: [.element(XMLTree(name))]))]
                            )
                        )
                    }
                )
            },
        ]
    }

    private static func isSynchronisable(_ resource: DAVResource) -> Bool {
        resource.isCollection && !resource.kind.isSynthesised
    }
}
