public import DAVCore
import DAVXML
import HTTPWire

/// The RFC 6352 §6.3.2.1 preconditions of a PUT into an address book: `supported-address-data` (the body is
/// `text/vcard`, version 3.0 or 4.0), `valid-address-data`, `max-resource-size`; the UID becomes the object's
/// index summary, so `no-uid-conflict` is the store's job; the card's ``ContactSearchValues`` go with it.
public struct AddressObjectPolicy: ObjectContentPolicy {
    /// Largest vCard accepted, in bytes.
    public let maxSize: Int

    /// Creates the policy.
    public init(maxSize: Int) { self.maxSize = maxSize }

    /// Address books.
    public var collectionKind: ResourceKind { .addressBook }

    /// `CARDDAV:max-resource-size`.
    public var sizeCondition: DAVError.Condition { CardDAVConditions.named("max-resource-size") }

    /// Validates a vCard and computes its summary.
    public func validate(
        _ bytes: [UInt8],
        contentType: String?,
        in collection: DAVResource,
        request: DAVRequest,
        context: DAVContext
    ) throws -> (contentType: String, summary: ObjectSummary) {
        if let contentType, !["text/vcard", "text/x-vcard", "text/directory"].contains(MediaTypes.essence(contentType))
        {
            throw DAVError(
                .forbidden,
                condition: CardDAVConditions.supportedAddressData,
                "Address books store text/vcard, not \(contentType)."
            )
        }
        let (summary, card) = try ContactSummary.validatedCard(bytes)
        return (
            "text/vcard; charset=utf-8",
            ObjectSummary(
                uid: summary.uid,
                component: summary.isGroup ? "VCARD-GROUP" : "VCARD",
                searchValues: ContactSearchValues.of(card)
            )
        )
    }
}
