public import DAVXML
import HTTPWire

/// The RFC 4918 §15 live properties, plus `current-user-principal` (RFC 5397 §3).
public enum CoreProperties {
    /// The properties, given the extra `resourcetype` children each kind of collection carries
    /// (for example `{urn:ietf:params:xml:ns:caldav}calendar` for calendars).
    public static func all(resourceTypes: [ResourceKind: [XMLName]]) -> [LiveProperty] {
        [
            LiveProperty(.dav("resourcetype")) { resource, _ in
                var children: [XMLTree.Node] = []
                if resource.isCollection { children.append(.element(XMLTree(.dav("collection")))) }
                for name in resourceTypes[resource.kind] ?? [] { children.append(.element(XMLTree(name))) }
                return XMLTree(.dav("resourcetype"), children: children)
            },
            LiveProperty(.dav("getcontentlength")) { resource, _ in
                resource.isCollection ? nil : XMLTree(.dav("getcontentlength"), text: String(resource.contentLength))
            },
            LiveProperty(.dav("getcontenttype")) { resource, _ in
                resource.contentType.map { XMLTree(.dav("getcontenttype"), text: $0) }
            },
            LiveProperty(.dav("getetag")) { resource, _ in
                resource.etag.map { XMLTree(.dav("getetag"), text: $0.description) }
            },
            LiveProperty(.dav("getlastmodified")) { resource, _ in
                XMLTree(.dav("getlastmodified"), text: HTTPDate.format(epochSeconds: resource.lastModified))
            },
            LiveProperty(.dav("creationdate")) { resource, _ in
                XMLTree(.dav("creationdate"), text: RFC3339.format(epochSeconds: resource.created))
            },
            LiveProperty(.dav("current-user-principal"), inAllProp: false) { _, context in
                XMLTree(
                    .dav("current-user-principal"),
                    children: [.element(XMLTree(.dav("href"), text: context.principalHref))]
                )
            },
        ]
    }
}

/// RFC 3339 timestamps (`creationdate`, RFC 4918 §15.1).
enum RFC3339 {
    static func format(epochSeconds: Int64) -> String {
        let imf = HTTPDate.format(epochSeconds: epochSeconds)
        // "Sun, 06 Nov 1994 08:49:37 GMT" → "1994-11-06T08:49:37Z"
        let words = imf.split(separator: " ")
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        guard words.count == 6, let month = months.firstIndex(of: String(words[2])) else { return imf }
        let monthText = month + 1 < 10 ? "0\(month + 1)" : "\(month + 1)"
        return "\(words[3])-\(monthText)-\(words[1])T\(words[4])Z"
    }
}
