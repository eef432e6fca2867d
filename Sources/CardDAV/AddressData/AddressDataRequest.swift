public import DAVCore
public import DAVXML
import HTTPWire
public import MIMEDir

/// RFC 6352 §10.4 — CARDDAV:address-data in a REPORT's `DAV:prop`: which vCard properties to return and in
/// which format.
public struct AddressDataRequest: Sendable, Hashable {
    /// The vCard properties to return (RFC 6352 §10.4.1 `allprop`, §10.4.2 `prop`).
    public enum Properties: Sendable, Hashable {
        /// The whole card (`allprop`, or an empty `address-data`).
        case all
        /// Only these properties (plus those the renderer always keeps: VERSION, UID, FN).
        case named([MIMEDir.PropertySelection])
    }

    /// The selected properties.
    public var properties: Properties
    /// The requested representation.
    public var format: AddressDataFormat

    /// Creates a request; the default is the whole card as stored.
    public init(properties: Properties = .all, format: AddressDataFormat = .vCard(nil)) {
        self.properties = properties
        self.format = format
    }

    /// Whether the stored bytes are returned as they are, without parsing: the whole card in its stored version.
    public var returnsStoredData: Bool {
        properties == .all && format == .vCard(nil)
    }

    /// Decodes a CARDDAV:address-data element (RFC 6352 §10.4).
    ///
    /// Throws 403 `CARDDAV:supported-address-data` for a content type or version the server does not offer
    /// (RFC 6352 §8.6, §8.7 preconditions) and 400 for a `prop` without a name or with a bad `novalue`.
    public init(xml element: XMLTree) throws(DAVError) {
        let contentType = element.unqualifiedAttribute("content-type")
        let version = element.unqualifiedAttribute("version")
        guard let format = AddressDataFormat(contentType: contentType, version: version) else {
            throw CardDAVConditions.forbidden(
                CardDAVConditions.supportedAddressData,
                "address data as \(contentType ?? "text/vcard") version \(version ?? "(any)") is not supported"
            )
        }
        let wanted = element.children(named: CardDAVElements.named("prop"))
        guard element.child(CardDAVElements.named("allprop")) == nil, !wanted.isEmpty else {
            self.init(properties: .all, format: format)
            return
        }
        let selections = try wanted.map { (prop) throws(DAVError) in
            guard let name = prop.unqualifiedAttribute("name"), !name.isEmpty else {
                throw DAVError(.badRequest, "CARDDAV:prop in address-data needs a name attribute")
            }
            let noValue = try prop.yesNoAttribute(
                "novalue",
                invalid: DAVError(.badRequest, "novalue on CARDDAV:prop \(name) must be yes or no")
            )
            return MIMEDir.PropertySelection(name: name, noValue: noValue)
        }
        self.init(properties: .named(selections), format: format)
    }
}
