public import DAVCore
public import HTTPWire
import VCardFormat

/// A stored vCard in the version or format the client's `Accept` asks for (RFC 6352 §5.1.1:
/// `text/vcard; version=3.0|4.0`, RFC 7095 jCard); the stored bytes when they already are that.
public struct VCardRepresentation: AlternateRepresentation {
    /// Creates the representation.
    public init() {}

    /// `text/vcard`.
    public var storedMediaType: String { "text/vcard" }

    /// The first acceptable form in the client's order of preference; nil when it is the stored one.
    public func representation(of stored: [UInt8], for headers: HTTPHeaders) throws -> (
        bytes: [UInt8], mediaType: String
    )? {
        guard headers["Accept"] != nil else { return nil }
        for range in AcceptedMediaType.parse(headers) {
            guard range.mediaType != "*/*", range.mediaType != "text/*" else { return nil }
            guard let format = AddressDataFormat(contentType: range.mediaType, version: range.parameters["version"])
            else { continue }
            let card: VCard
            do {
                card = try VCard.parse(stored)
            } catch {
                return nil
            }
            if case .vCard(let version) = format, version == nil || version == card.version { return nil }
            let bytes = try AddressDataRenderer().render(stored, card: card, for: AddressDataRequest(format: format))
            return (bytes, format.mediaType(stored: card.version ?? .v4))
        }
        return nil
    }
}
