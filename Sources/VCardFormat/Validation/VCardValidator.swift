public import MIMEDir

/// Validates an address object resource as CardDAV requires (RFC 6352 §5.1, §6.3.2.1):
/// one VCARD, BEGIN/END pairing, VERSION 3.0 or 4.0, exactly one UID.
public struct VCardValidator: Sendable {
    /// Parser options (forgiving by default: LF line ends, BOM, blank lines, vCard 3 bare TYPE parameters).
    public var parserOptions: MIMEDirParser.Options

    /// Creates a validator (RFC 6352 §5.1).
    public init(parserOptions: MIMEDirParser.Options = .forgiving) {
        self.parserOptions = parserOptions
    }

    /// Parses and validates one address object; throws the first problem (RFC 6352 §6.3.2.1).
    public func validate(_ bytes: [UInt8]) throws(VCardValidationError) -> VCard {
        let card = try VCard.parse(bytes, options: parserOptions)
        if let problem = problems(in: card).first { throw problem }
        return card
    }

    /// Every problem in one parsed card; empty if acceptable (RFC 6352 §5.1).
    public func problems(in card: VCard) -> [VCardValidationError] {
        var found: [VCardValidationError] = []
        let component = card.component
        if let version = component.property("VERSION") {
            if VCardVersion(rawValue: version.value.trimmingSpaces) == nil {
                found.append(.unsupportedVersion(version.value, line: version.line))
            }
        } else {
            found.append(.missingVersion(line: component.line))
        }
        let uids = component.properties("UID")
        if uids.isEmpty || uids[0].value.trimmingSpaces.isEmpty {
            found.append(.missingUID(line: uids.first?.line ?? component.line))
        } else if uids.count > 1 {
            found.append(.multipleUIDs(line: uids[1].line))
        }
        for property in component.properties where property.matches("PHOTO") || property.matches("LOGO") {
            if VCardMedia(property: property) == nil {
                found.append(.invalidValue(property: property.name.uppercased(), line: property.line))
            }
        }
        return found
    }
}
