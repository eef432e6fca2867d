import MIMEDir

/// Library side of `kalends ical convert --to vcard3|vcard4|jcard|xcard` (RFC 6352 §5.1.1).
public enum VCardFileConverter {
    /// Parses every card (forgiving) and writes them all in `format`.
    public static func convert(_ bytes: [UInt8], to format: VCardOutputFormat) throws(VCardValidationError) -> [UInt8] {
        let cards = try VCard.parseAll(bytes)
        switch format {
        case .vcard3: return MIMEDirSerializer().serialize(cards.map { VCardConverter.convert($0, to: .v3).component })
        case .vcard4: return MIMEDirSerializer().serialize(cards.map { VCardConverter.convert($0, to: .v4).component })
        case .jcard: return Array((cards.count == 1 ? JCardWriter.write(cards[0]) : JCardWriter.write(cards)).utf8)
        case .xcard: return Array(XCardWriter.write(cards).utf8)
        }
    }
}
