public import DAVXML

/// Element and property names of the CardDAV namespace (RFC 6352 §10), spelled once.
public enum CardDAVElements {
    /// A name in the `urn:ietf:params:xml:ns:carddav` namespace.
    public static func named(_ localName: String) -> XMLName { XMLName(Namespaces.cardDAV, localName) }

    /// `addressbook` resource type (RFC 6352 §5.2).
    public static let addressBook = named("addressbook")
    /// `address-data` (RFC 6352 §10.4).
    public static let addressData = named("address-data")
    /// `filter` (RFC 6352 §10.5).
    public static let filter = named("filter")
    /// `prop-filter` (RFC 6352 §10.5.1).
    public static let propFilter = named("prop-filter")
    /// `param-filter` (RFC 6352 §10.5.2).
    public static let paramFilter = named("param-filter")
    /// `is-not-defined` (RFC 6352 §10.5.3).
    public static let isNotDefined = named("is-not-defined")
    /// `text-match` (RFC 6352 §10.5.4).
    public static let textMatch = named("text-match")
    /// `addressbook-query` report (RFC 6352 §8.6).
    public static let addressBookQuery = named("addressbook-query")
    /// `addressbook-multiget` report (RFC 6352 §8.7).
    public static let addressBookMultiget = named("addressbook-multiget")
}
