public import DAVCore
public import VCardFormat

/// What the store indexes for one address object resource (RFC 6352 §5.1, §6.3.2.1): its UID, which must be
/// unique in the address book, whether it is a group, and its display name.
public struct ContactSummary: Sendable, Hashable {
    /// UID (RFC 6350 §6.7.6), unescaped.
    public var uid: String
    /// FN (RFC 6350 §6.2.1), unescaped; nil when the card has none.
    public var formattedName: String?
    /// Whether the card is a group: `KIND:group` (RFC 6350 §6.1.4) or Apple's `X-ADDRESSBOOKSERVER-KIND:group`.
    public var isGroup: Bool
    /// The stored vCard version.
    public var version: VCardVersion

    /// Creates a summary.
    public init(uid: String, formattedName: String?, isGroup: Bool, version: VCardVersion) {
        self.uid = uid
        self.formattedName = formattedName
        self.isGroup = isGroup
        self.version = version
    }

    /// The summary of a card that passed ``VCardValidator`` (so it has a UID and a supported VERSION).
    public init(validated card: VCard) {
        self.init(
            uid: card.uid ?? "",
            formattedName: card.formattedName,
            isGroup: card.isGroup,
            version: card.version ?? .v4
        )
    }

    /// Validates a PUT body as an address object (RFC 6352 §6.3.2.1) and summarizes it.
    ///
    /// Throws 403 with `CARDDAV:valid-address-data`, or `CARDDAV:supported-address-data` for a VERSION other
    /// than 3.0 or 4.0, naming the offending line.
    public static func validating(
        _ bytes: [UInt8],
        with validator: VCardValidator = VCardValidator()
    ) throws(DAVError) -> ContactSummary {
        try validatedCard(bytes, with: validator).summary
    }

    /// Validates a PUT body as an address object (RFC 6352 §6.3.2.1) and returns the card with its summary;
    /// throws as ``validating(_:with:)``.
    public static func validatedCard(
        _ bytes: [UInt8],
        with validator: VCardValidator = VCardValidator()
    ) throws(DAVError) -> (summary: ContactSummary, card: VCard) {
        do {
            let card = try validator.validate(bytes)
            return (ContactSummary(validated: card), card)
        } catch {
            throw CardDAVConditions.forbidden(
                CardDAVConditions.named(error.precondition.rawValue),
                "line \(error.line): \(error.message)"
            )
        }
    }
}
