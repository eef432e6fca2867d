import DAVXML
import HTTPWire

/// The GET response for a whole calendar or address book: every object read in one query (the backend's
/// `objects(in:…)`), assembled by the collection's `CollectionExport`, offered as a download named after the
/// collection (`Content-Disposition`, RFC 6266 §4.3 with a UTF-8 `filename*`).
enum ExportResponse {
    /// Whether the client would rather see the HTML listing: its `Accept` header names `text/html` (browsers do;
    /// calendar subscribers and `curl` do not).
    static func prefersHTML(_ headers: HTTPHeaders) -> Bool {
        headers.listValues(of: "Accept").contains { range in
            MediaTypes.essence(range) == "text/html" || MediaTypes.essence(range) == "application/xhtml+xml"
        }
    }

    /// Exports `collection`. Throws 403 when the backend cannot read objects, or the exporter's error.
    static func response(
        for collection: DAVResource,
        exporter: any CollectionExport,
        request: DAVRequest,
        context: DAVContext
    ) throws -> HTTPResponse {
        guard let backend = context.backend as? any ObjectBackend else {
            throw DAVError(.forbidden, "This server cannot export \(collection.path).")
        }
        let objects = try backend.objects(
            in: collection.path,
            component: nil,
            from: nil,
            to: nil,
            content: true,
            as: request.principal
        )
        let dead = try context.backend.deadProperties(of: [collection], as: request.principal)[collection.path] ?? []
        let displayName = dead.first { $0.name == .dav("displayname") }?.text
        let body = try exporter.export(objects, displayName: displayName)
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: exporter.mediaType)
        headers.add(
            name: "Content-Disposition",
            value: contentDisposition(fileName: collection.path.lastSegment + "." + exporter.fileExtension)
        )
        headers.add(name: "Last-Modified", value: HTTPDate.format(epochSeconds: collection.lastModified))
        return HTTPResponse(status: .ok, headers: headers, body: .bytes(body), isCompressible: true)
    }

    /// `attachment; filename="…"; filename*=UTF-8''…`: an ASCII fallback with anything outside printable ASCII,
    /// quotes and backslashes replaced by `_`, and the exact name percent-encoded (RFC 6266 §4.3, RFC 8187 §3.2).
    static func contentDisposition(fileName: String) -> String {
        let fallback = String(
            fileName.unicodeScalars.map { scalar -> Character in
                scalar.isASCII && scalar.value >= 0x20 && scalar.value < 0x7F && scalar != "\"" && scalar != "\\"
                    ? Character(scalar) : "_"
            }
        )
        let hex = Array("0123456789ABCDEF".unicodeScalars)
        var encoded = ""
        for byte in fileName.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                encoded.unicodeScalars.append(contentsOf: ["%", hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            }
        }
        return "attachment; filename=\"\(fallback)\"; filename*=UTF-8''\(encoded)"
    }
}
