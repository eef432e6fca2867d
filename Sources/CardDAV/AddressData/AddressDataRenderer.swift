public import DAVCore
public import MIMEDir
public import VCardFormat

/// Produces the content of a CARDDAV:address-data response element (RFC 6352 §10.4) from a stored address
/// object.
///
/// When the request selects the whole card in its stored version (or names no version), the stored bytes are
/// returned unchanged, without parsing. Otherwise the card is converted first (vCard 3.0 ⇄ 4.0 with
/// ``VCardConverter``, jCard with ``JCardWriter``) and then reduced to the requested properties, so property names
/// are those of the output version (`KIND`, not `X-ADDRESSBOOKSERVER-KIND`, in 4.0). A partial card always keeps
/// VERSION (RFC 6352 §10.4.2), UID and FN, which clients need to identify and show the card.
public struct AddressDataRenderer: Sendable {
    /// Properties every partial card keeps.
    public static let alwaysKept = ["VERSION", "UID", "FN"]

    /// How stored data is parsed when it has to be.
    public var parserOptions: MIMEDirParser.Options

    /// Creates a renderer (RFC 6352 §10.4).
    public init(parserOptions: MIMEDirParser.Options = .forgiving) {
        self.parserOptions = parserOptions
    }

    /// The address data for `stored` as `request` asks; pass `card` when the caller has parsed `stored` already
    /// (the query path has, for filtering).
    ///
    /// Throws 403 `CARDDAV:supported-address-data-conversion` (RFC 6352 §8.7 postcondition) when the stored data
    /// cannot be parsed for conversion or selection; a report can put that into the resource's propstat.
    public func render(
        _ stored: [UInt8],
        card: VCard? = nil,
        for request: AddressDataRequest
    ) throws(DAVError) -> [UInt8] {
        if request.returnsStoredData { return stored }
        let parsed: VCard
        if let card {
            parsed = card
        } else {
            do {
                parsed = try VCard.parse(stored, options: parserOptions)
            } catch {
                throw CardDAVConditions.forbidden(
                    CardDAVConditions.supportedAddressDataConversion,
                    "the stored vCard cannot be read for conversion: \(error.message)"
                )
            }
        }
        if request.properties == .all, case .vCard(let version) = request.format, version == parsed.version {
            return stored
        }
        return render(parsed, for: request)
    }

    /// The address data for a parsed card, always re-serialized (RFC 6352 §10.4).
    public func render(_ card: VCard, for request: AddressDataRequest) -> [UInt8] {
        switch request.format {
        case .vCard(let version):
            let converted = version.map { VCardConverter.convert(card, to: $0) } ?? card
            return select(request.properties, from: converted).serialized()
        case .jCard:
            return Array(
                JCardWriter.write(select(request.properties, from: VCardConverter.convert(card, to: .v4))).utf8
            )
        }
    }

    private func select(_ properties: AddressDataRequest.Properties, from card: VCard) -> VCard {
        guard case .named(let wanted) = properties else { return card }
        let kept = Self.alwaysKept.filter { name in !wanted.contains { NameComparison.equal($0.name, name) } }
        return card.selecting(wanted + kept.map { MIMEDir.PropertySelection(name: $0) })
    }
}
