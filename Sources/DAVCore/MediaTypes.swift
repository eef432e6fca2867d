import Foundation

/// Media types guessed from file names, for PUTs that send no Content-Type (Finder, Explorer, davfs2).
public enum MediaTypes {
    private static let byExtension: [String: String] = [
        "ics": "text/calendar; charset=utf-8", "ifb": "text/calendar; charset=utf-8",
        "vcf": "text/vcard; charset=utf-8", "txt": "text/plain; charset=utf-8", "md": "text/markdown; charset=utf-8",
        "html": "text/html; charset=utf-8", "htm": "text/html; charset=utf-8", "css": "text/css",
        "js": "text/javascript", "json": "application/json", "xml": "application/xml", "csv": "text/csv",
        "pdf": "application/pdf", "zip": "application/zip", "gz": "application/gzip", "tar": "application/x-tar",
        "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif", "webp": "image/webp",
        "svg": "image/svg+xml", "heic": "image/heic", "mp3": "audio/mpeg", "ogg": "audio/ogg", "wav": "audio/wav",
        "mp4": "video/mp4", "mov": "video/quicktime", "webm": "video/webm",
        "doc": "application/msword", "xls": "application/vnd.ms-excel",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "odt": "application/vnd.oasis.opendocument.text", "ods": "application/vnd.oasis.opendocument.spreadsheet",
    ]

    /// The media type for a file name by its extension; `application/octet-stream` when unknown.
    public static func guess(forName name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "application/octet-stream" }
        return byExtension[name[name.index(after: dot)...].lowercased()] ?? "application/octet-stream"
    }

    /// The media type without parameters, lower-cased: `Text/Calendar; charset=utf-8` → `text/calendar`
    /// (RFC 9110 §8.3.1).
    public static func essence(_ contentType: String) -> String {
        var type = contentType.utf8.prefix { $0 != UInt8(ascii: ";") }
        while let first = type.first, first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") {
            type = type.dropFirst()
        }
        while let last = type.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") {
            type = type.dropLast()
        }
        return String(Substring(type)).lowercased()
    }

    /// Whether a body of this type is worth gzip-compressing.
    public static func isCompressible(_ contentType: String?) -> Bool {
        guard let type = contentType?.lowercased() else { return false }
        return type.hasPrefix("text/") || type.contains("xml") || type.contains("json")
    }
}
