public import DAVXML

/// The property selection of a report body (RFC 4791 §7.8–§7.9, RFC 6352 §8.6–§8.7, RFC 6578 §6.1): the
/// `DAV:prop`, `DAV:allprop` or `DAV:propname` child; `getetag` alone when there is none.
public enum ReportSelection {
    /// Decodes the selection of a report body.
    public static func decode(_ body: XMLTree) throws -> PropertySelection {
        if body.child(.dav("propname")) != nil { return .propertyNames }
        if body.child(.dav("allprop")) != nil { return .allProperties(include: []) }
        if let prop = body.child(.dav("prop")) { return .properties(prop.elements.map(\.name)) }
        return .properties([.dav("getetag")])
    }
}
