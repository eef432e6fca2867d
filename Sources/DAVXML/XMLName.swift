/// An expanded XML name: namespace URI plus local name (Namespaces in XML 1.0 §3), as WebDAV properties and
/// elements are identified (RFC 4918 §17).
public struct XMLName: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The namespace URI; empty for no namespace.
    public var namespace: String
    /// The local name.
    public var localName: String

    /// Creates a name.
    public init(_ namespace: String, _ localName: String) {
        self.namespace = namespace
        self.localName = localName
    }

    /// A name in the `DAV:` namespace.
    public static func dav(_ localName: String) -> XMLName { XMLName(Namespaces.dav, localName) }

    /// Clark notation, `{DAV:}getetag`, for logs and errors.
    public var description: String { "{\(namespace)}\(localName)" }

    /// Orders by namespace, then local name (stable output).
    public static func < (lhs: XMLName, rhs: XMLName) -> Bool {
        (lhs.namespace, lhs.localName) < (rhs.namespace, rhs.localName)
    }
}

/// Namespace URIs used across the DAV protocols, with the prefixes the writer prefers for them.
public enum Namespaces {
    /// RFC 4918 `DAV:`.
    public static let dav = "DAV:"
    /// RFC 4791 CalDAV.
    public static let calDAV = "urn:ietf:params:xml:ns:caldav"
    /// RFC 6352 CardDAV.
    public static let cardDAV = "urn:ietf:params:xml:ns:carddav"
    /// Apple's CalendarServer extensions (getctag, calendar-color…).
    public static let calendarServer = "http://calendarserver.org/ns/"
    /// Apple iCal extensions (calendar-color, calendar-order).
    public static let appleICal = "http://apple.com/ns/ical/"

    /// Preferred prefixes for well-known namespaces.
    public static let preferredPrefixes: [String: String] = [
        dav: "D", calDAV: "C", cardDAV: "CR", calendarServer: "CS", appleICal: "A",
    ]
}
