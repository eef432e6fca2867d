/// The CardDAV precondition a rejected address object violates (RFC 6352 §6.3.2.1).
public enum CardDAVPrecondition: String, Sendable, Hashable, CaseIterable {
    /// `CARDDAV:valid-address-data`: not a valid vCard address object.
    case validAddressData = "valid-address-data"
    /// `CARDDAV:supported-address-data`: a vCard version the server does not accept.
    case supportedAddressData = "supported-address-data"
}
