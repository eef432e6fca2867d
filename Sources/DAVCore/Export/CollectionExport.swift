/// How GET on a calendar or address book collection renders the whole collection as one file (the export
/// sabre/dav's ICSExportPlugin and Radicale offer): RFC 4791 §5.3.4 leaves GET on a calendar collection undefined,
/// and RFC 6352 §8.1 likewise for address books, so the server chooses one `text/calendar` or `text/vcard` body.
/// Protocol layers implement it; DAVCore only picks the exporter by collection kind.
public protocol CollectionExport: Sendable {
    /// The collection kind exported.
    var collectionKind: ResourceKind { get }
    /// The `Content-Type` of the export, e.g. `text/calendar; charset=utf-8`.
    var mediaType: String { get }
    /// The file name extension offered in `Content-Disposition`, e.g. `ics`.
    var fileExtension: String { get }

    /// Assembles the export from all objects of the collection (sorted by name). `displayName` is the
    /// collection's `DAV:displayname`, when it has one. Throws `DAVError` (500) when stored data no longer parses.
    func export(_ objects: [StoredObject], displayName: String?) throws -> [UInt8]
}
