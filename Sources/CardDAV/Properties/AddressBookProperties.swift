public import DAVCore
import DAVXML

/// The live properties of address books (RFC 6352 §6.2): `supported-address-data` (vCard 3.0 and 4.0, jCard —
/// RFC 7095), `max-resource-size` and `supported-collation-set` (RFC 6352 §8.3.1). `addressbook-description` is a
/// dead property.
public enum AddressBookProperties {
    /// The properties; `maxResourceSize` in bytes.
    public static func all(maxResourceSize: Int) -> [LiveProperty] {
        [
            LiveProperty(CardDAVElements.named("supported-address-data"), inAllProp: false) { resource, _ in
                guard resource.kind == .addressBook else { return nil }
                let types = [("text/vcard", "3.0"), ("text/vcard", "4.0"), ("application/vcard+json", "4.0")]
                return XMLTree(
                    CardDAVElements.named("supported-address-data"),
                    children: types.map { type, version in
                        .element(
                            XMLTree(
                                CardDAVElements.named("address-data-type"),
                                attributes: [XMLName("", "content-type"): type, XMLName("", "version"): version]
                            )
                        )
                    }
                )
            },
            LiveProperty(CardDAVElements.named("max-resource-size"), inAllProp: false) { resource, _ in
                resource.kind == .addressBook
                    ? XMLTree(CardDAVElements.named("max-resource-size"), text: String(maxResourceSize)) : nil
            },
            LiveProperty(CardDAVElements.named("supported-collation-set"), inAllProp: false) { resource, _ in
                guard resource.kind == .addressBook else { return nil }
                return XMLTree(
                    CardDAVElements.named("supported-collation-set"),
                    children: ["i;ascii-casemap", "i;octet", "i;unicode-casemap"].map {
                        .element(XMLTree(CardDAVElements.named("supported-collation"), text: $0))
                    }
                )
            },
        ]
    }
}
