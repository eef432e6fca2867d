import DAVCore
import Foundation

/// The files macOS Finder writes beside everything it copies to a WebDAV share: `._name` AppleDouble files
/// (resource fork and extended attributes) and `.DS_Store` folder settings. They are stored like any file unless
/// `webdav.ignore_apple_metadata` is set; then PUT accepts and discards them, like sabre/dav's
/// TemporaryFileFilterPlugin but without keeping a per-session copy: a later GET or PROPFIND of such a name
/// answers 404, and Finder copes (it only re-reads them to restore Finder metadata, which is then absent).
enum AppleMetadata {
    /// Whether `name` is a Finder metadata file.
    static func isMetadataName(_ name: String) -> Bool {
        name == ".DS_Store" || (name.hasPrefix("._") && name.count > 2)
    }

    /// Drains `body` and describes a file that was accepted but not stored: 201 for PUT, no ETag, nothing in the
    /// store (a LOCK taken on the name beforehand stays, since locks are rooted by path).
    static func discard(_ body: BodySource, at path: DAVPath) throws -> (resource: DAVResource, created: Bool) {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 65_536, alignment: 1)
        defer { buffer.deallocate() }
        var length: Int64 = 0
        while case let count = try body(buffer), count > 0 { length += Int64(count) }
        let now = Int64(Date().timeIntervalSince1970)
        let resource = DAVResource(
            identifier: 0,
            path: path,
            kind: .file,
            etag: nil,
            contentType: "application/octet-stream",
            contentLength: length,
            created: now,
            lastModified: now
        )
        return (resource, true)
    }
}
