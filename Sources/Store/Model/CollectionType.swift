/// The kind of a collection (RFC 4918 §5.2 collections, specialised by RFC 4791 and
/// RFC 6352). Open-ended so CalDAV, CardDAV and scheduling can add more; the raw value
/// is stored as TEXT.
public struct CollectionType: RawRepresentable, Hashable, Sendable {
    /// The stored name, e.g. `"calendar"`.
    public var rawValue: String

    /// Wraps a stored name.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// A user's home collection (the root of their tree, path = user name).
    public static let home = CollectionType(rawValue: "home")
    /// A plain WebDAV collection.
    public static let plain = CollectionType(rawValue: "plain")
    /// An RFC 4791 calendar collection.
    public static let calendar = CollectionType(rawValue: "calendar")
    /// An RFC 6352 address book collection.
    public static let addressBook = CollectionType(rawValue: "addressbook")
}
