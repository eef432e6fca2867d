public import VCardFormat

/// The representation a CARDDAV:address-data request asks for (RFC 6352 §10.4 `content-type` and `version`).
public enum AddressDataFormat: Sendable, Hashable {
    /// `text/vcard` (or the legacy `text/x-vcard`) at a version; nil when the request names no version, in
    /// which case each card is returned at the version it was stored in.
    case vCard(VCardVersion?)
    /// `application/vcard+json` (RFC 7095 jCard, always vCard 4.0).
    case jCard

    /// Reads the `content-type` and `version` attributes (RFC 6352 §10.4); a `version` parameter inside the
    /// content type counts too. Nil when the pair is not offered (`CARDDAV:supported-address-data`).
    public init?(contentType: String?, version: String?) {
        let parts = (contentType ?? "text/vcard").split(separator: ";")
        let mediaType = parts.first.map { $0.trimmingXMLWhitespace.lowercased() } ?? ""
        var requested = version.map(\.trimmingXMLWhitespace)
        for parameter in parts.dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map(\.trimmingXMLWhitespace)
            if pair.count == 2 && pair[0].lowercased() == "version" && requested == nil {
                requested = pair[1].replacing("\"", with: "")
            }
        }
        switch mediaType {
        case "text/vcard", "text/x-vcard":
            guard let requested else {
                self = .vCard(nil)
                return
            }
            guard let known = VCardVersion(rawValue: requested) else { return nil }
            self = .vCard(known)
        case "application/vcard+json":
            guard requested == nil || requested == VCardVersion.v4.rawValue else { return nil }
            self = .jCard
        default:
            return nil
        }
    }

    /// The media type of data in this format (RFC 6352 §5.1.1, RFC 7095 §3.1); for `.vCard(nil)` the
    /// version is that of the stored card.
    public func mediaType(stored: VCardVersion) -> String {
        switch self {
        case .vCard(let version): (version ?? stored).mediaType
        case .jCard: "application/vcard+json"
        }
    }
}
