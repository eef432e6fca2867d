public import DAVCore

/// GET on an address book collection: every stored vCard concatenated into one `text/vcard` stream (RFC 6350
/// §3.1: a vCard stream may hold several vCards), each as stored, separated by CRLF line ends.
public struct AddressBookExport: CollectionExport {
    /// Creates the exporter.
    public init() {}

    /// Address books.
    public var collectionKind: ResourceKind { .addressBook }
    /// `text/vcard` (RFC 6350 §10.1).
    public var mediaType: String { "text/vcard; charset=utf-8" }
    /// `vcf`.
    public var fileExtension: String { "vcf" }

    /// Concatenates the cards byte for byte, adding a CRLF after one that does not end in a line break.
    public func export(_ objects: [StoredObject], displayName: String?) throws -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(objects.reduce(0) { $0 + $1.bytes.count + 2 })
        for object in objects {
            output.append(contentsOf: object.bytes)
            if let last = object.bytes.last, last != UInt8(ascii: "\n") {
                output.append(contentsOf: [UInt8(ascii: "\r"), UInt8(ascii: "\n")])
            }
        }
        return output
    }
}
