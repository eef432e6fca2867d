public import DAVXML
import HTTPWire

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The RFC 4918 §15 live properties, plus `current-user-principal` (RFC 5397 §3).
public enum CoreProperties {
    /// The properties, given the extra `resourcetype` children each kind of collection carries
    /// (for example `{urn:ietf:params:xml:ns:caldav}calendar` for calendars).
    public static func all(resourceTypes: [ResourceKind: [XMLName]]) -> [LiveProperty] {
        [
            LiveProperty(.dav("resourcetype"), dependsOnlyOnKind: true) { resource, _ in
                var children: [XMLTree.Node] = []
                if resource.isCollection { children.append(.element(XMLTree(.dav("collection")))) }
                for name in resourceTypes[resource.kind] ?? [] { children.append(.element(XMLTree(name))) }
                return XMLTree(.dav("resourcetype"), children: children)
            },
            .text(.dav("getcontentlength")) { resource, _, text in
                guard !resource.isCollection else { return false }
                PropertyText.appendDecimal(resource.contentLength, to: &text)
                return true
            },
            .text(.dav("getcontenttype")) { resource, _, text in
                guard let type = resource.contentType else { return false }
                text.append(contentsOf: type.utf8)
                return true
            },
            .text(.dav("getetag")) { resource, _, text in
                guard let etag = resource.etag else { return false }
                if etag.isWeak { text.append(contentsOf: "W/".utf8) }
                text.append(UInt8(ascii: "\""))
                text.append(contentsOf: etag.opaqueTag.utf8)
                text.append(UInt8(ascii: "\""))
                return true
            },
            .text(.dav("getlastmodified")) { resource, _, text in
                text.append(contentsOf: HTTPDate.format(epochSeconds: resource.lastModified).utf8)
                return true
            },
            .text(.dav("creationdate")) { resource, _, text in
                RFC3339.append(epochSeconds: resource.created, to: &text)
                return true
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

/// RFC 3339 timestamps (`creationdate`, RFC 4918 §15.1), in UTC: `1994-11-06T08:49:37Z`.
enum RFC3339 {
    /// Appends the timestamp of `epochSeconds` (years 0 to 9999).
    static func append(epochSeconds: Int64, to bytes: inout [UInt8]) {
        var time = time_t(epochSeconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        let year = min(max(Int(parts.tm_year) + 1900, 0), 9999)
        appendTwoDigits(year / 100, to: &bytes)
        appendTwoDigits(year % 100, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        appendTwoDigits(Int(parts.tm_mon) + 1, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        appendTwoDigits(Int(parts.tm_mday), to: &bytes)
        bytes.append(UInt8(ascii: "T"))
        appendTwoDigits(Int(parts.tm_hour), to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        appendTwoDigits(Int(parts.tm_min), to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        appendTwoDigits(Int(parts.tm_sec), to: &bytes)
        bytes.append(UInt8(ascii: "Z"))
    }

    private static func appendTwoDigits(_ value: Int, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "0") + UInt8(value / 10))
        bytes.append(UInt8(ascii: "0") + UInt8(value % 10))
    }
}
