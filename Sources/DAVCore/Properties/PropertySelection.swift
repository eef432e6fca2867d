public import DAVXML
import HTTPWire

/// What a PROPFIND asks for (RFC 4918 §9.1, §14.20).
public enum PropertySelection: Sendable, Equatable {
    /// `allprop`, plus any properties named in `include`.
    case allProperties(include: [XMLName])
    /// `propname`: names only.
    case propertyNames
    /// `prop`: these properties.
    case properties([XMLName])

    /// Decodes a PROPFIND body; an empty body means `allprop` (RFC 4918 §9.1).
    public static func decode(_ body: XMLTree?) throws -> PropertySelection {
        guard let body else { return .allProperties(include: []) }
        guard body.name == .dav("propfind") else {
            throw DAVError(.badRequest, "The body must be a DAV:propfind element, not \(body.name).")
        }
        if body.child(.dav("propname")) != nil { return .propertyNames }
        if let prop = body.child(.dav("prop")) { return .properties(prop.elements.map(\.name)) }
        if body.child(.dav("allprop")) != nil {
            return .allProperties(include: body.child(.dav("include"))?.elements.map(\.name) ?? [])
        }
        throw DAVError(.badRequest, "DAV:propfind needs prop, propname or allprop.")
    }
}
