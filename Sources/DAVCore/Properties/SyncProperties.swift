import DAVXML

/// Properties derived from a collection's change log: `DAV:sync-token` (RFC 6578 §4) and Apple's
/// `CS:getctag` (calendarserver.org ctag, which changes whenever a member changes), plus
/// `DAV:supported-report-set` (RFC 3253 §3.1.5) from the report registry.
public enum SyncProperties {
    /// The properties.
    public static func all(reports: ReportRegistry) -> [LiveProperty] {
        [
            .text(.dav("sync-token"), inAllProp: false) { resource, _, text in
                appendToken(of: resource, to: &text)
            },
            .text(XMLName(Namespaces.calendarServer, "getctag"), inAllProp: false) { resource, _, text in
                appendToken(of: resource, to: &text)
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

    /// The sync token of a stored collection, which is also its CTag; false for anything else.
    private static func appendToken(of resource: DAVResource, to text: inout [UInt8]) -> Bool {
        guard resource.isCollection && !resource.kind.isSynthesised else { return false }
        text.append(contentsOf: SyncToken(of: resource).description.utf8)
        return true
    }
}
