public import DAVCore
import DAVXML
import HTTPWire

/// The CardDAV precondition and postcondition elements a request can violate (RFC 6352 §6.3.2.1, §8.6, §8.7),
/// for the `DAV:error` body of a ``DAVError``.
public enum CardDAVConditions {
    /// `CARDDAV:supported-filter` (RFC 6352 §8.6): the filter uses an element or attribute value the server does
    /// not support. Unknown vCard property and parameter *names* are not refused; they simply never match.
    public static let supportedFilter = named("supported-filter")
    /// `CARDDAV:supported-collation` (RFC 6352 §8.3, §8.6): a text-match names a collation the server lacks.
    public static let supportedCollation = named("supported-collation")
    /// `CARDDAV:valid-filter`: the filter is structurally wrong (missing `name`, `is-not-defined` beside
    /// other tests, no `filter` at all). RFC 6352 has no such element; it is borrowed from RFC 4791 §7.8.
    public static let validFilter = named("valid-filter")
    /// `CARDDAV:supported-address-data` (RFC 6352 §6.3.2.1, §8.6, §8.7): a media type or vCard version the
    /// server does not offer.
    public static let supportedAddressData = named("supported-address-data")
    /// `CARDDAV:supported-address-data-conversion` (RFC 6352 §8.7): stored data could not be converted to the
    /// requested format.
    public static let supportedAddressDataConversion = named("supported-address-data-conversion")
    /// `CARDDAV:valid-address-data` (RFC 6352 §6.3.2.1): the request body is not a valid vCard.
    public static let validAddressData = named("valid-address-data")

    /// A condition in the CardDAV namespace.
    public static func named(_ name: String) -> DAVError.Condition {
        DAVError.Condition(namespace: Namespaces.cardDAV, name: name)
    }

    /// A 403 Forbidden carrying `condition` (RFC 4918 §16).
    static func forbidden(_ condition: DAVError.Condition, _ message: String) -> DAVError {
        DAVError(.forbidden, condition: condition, message)
    }
}
