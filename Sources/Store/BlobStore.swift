import Foundation

/// Content-addressed blob files: `<dataDir>/blobs/ab/abcdef…` named by the SHA-256 hex of
/// their bytes, immutable once renamed into place. New bodies are written to
/// `<dataDir>/blobs/tmp/` first (see `IncomingBody`).
struct BlobStore: Sendable {
    /// `<dataDir>/blobs`.
    let root: String

    /// Where bodies are spilled while they are being received.
    var temporaryDirectory: String { root + "/tmp" }

    /// The final path of the blob with this SHA-256 hex name.
    func path(forHash hash: String) -> String {
        "\(root)/\(hash.prefix(2))/\(hash)"
    }

    /// Creates `blobs/` and `blobs/tmp/` (0700) if needed.
    func createDirectories() throws(StoreError) {
        try makeDirectory(root)
        try makeDirectory(temporaryDirectory)
    }

    /// Moves a fully written, fsynced temp file to its content-addressed name and fsyncs
    /// the directory, so the file survives a crash before the referencing commit. Called
    /// with the writer lock held, so no concurrent cleanup can unlink it before commit.
    func install(temporaryPath: String, hash: String) throws(StoreError) {
        let directory = "\(root)/\(hash.prefix(2))"
        let createdDirectory = try makeDirectory(directory)
        let destination = path(forHash: hash)
        guard rename(temporaryPath, destination) == 0 else {
            throw .posix("rename", destination, errno: errno)
        }
        try syncDirectory(directory)
        if createdDirectory { try syncDirectory(root) }
    }

    /// Removes a blob file, best-effort (it may already be gone).
    func remove(hash: String) {
        unlink(path(forHash: hash))
    }

    /// The hash names of every blob file present (not the temp files).
    func allHashes() throws(StoreError) -> [String] {
        var hashes: [String] = []
        for shard in try listDirectory(root) where shard.utf8.count == 2 {
            for name in try listDirectory(root + "/" + shard) where name.hasPrefix(shard) {
                hashes.append(name)
            }
        }
        return hashes
    }

    /// The size of a blob file, nil if it does not exist.
    func size(ofHash hash: String) -> Int64? {
        var info = stat()
        guard stat(path(forHash: hash), &info) == 0 else { return nil }
        return Int64(info.st_size)
    }

    /// Recomputes the SHA-256 hex of a blob file.
    func computeHash(ofHash hash: String) throws(StoreError) -> String {
        let path = path(forHash: hash)
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .posix("open", path, errno: errno) }
        defer { close(descriptor) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 256 * 1024, alignment: 16)
        defer { buffer.deallocate() }
        var hasher = SHA256()
        while true {
            let count = read(descriptor, buffer.baseAddress, buffer.count)
            if count < 0 {
                if errno == EINTR { continue }
                throw .posix("read", path, errno: errno)
            }
            if count == 0 { break }
            hasher.update(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        }
        return SHA256.hex(hasher.finalize())
    }

    /// Hard-links (or, across file systems, copies) a blob into another blob root.
    func export(hash: String, to otherRoot: String) throws(StoreError) {
        let target = BlobStore(root: otherRoot)
        try makeDirectory("\(otherRoot)/\(hash.prefix(2))")
        let source = path(forHash: hash)
        let destination = target.path(forHash: hash)
        if link(source, destination) == 0 || errno == EEXIST { return }
        guard errno == EXDEV || errno == EPERM else { throw .posix("link", destination, errno: errno) }
        do {
            try FileManager.default.copyItem(atPath: source, toPath: destination)
        } catch {
            throw .io("copy \(source) to \(destination): \(error.localizedDescription)")
        }
    }
}

/// Creates a directory with mode 0700; returns false if it already existed.
@discardableResult
func makeDirectory(_ path: String) throws(StoreError) -> Bool {
    if mkdir(path, 0o700) == 0 { return true }
    let code = errno
    var isDirectory: ObjCBool = false
    if code == EEXIST, FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
        return false
    }
    throw .posix("mkdir", path, errno: code)
}

/// fsyncs a directory so renames and creations inside it are durable.
func syncDirectory(_ path: String) throws(StoreError) {
    let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard descriptor >= 0 else { throw .posix("open", path, errno: errno) }
    defer { close(descriptor) }
    guard fsync(descriptor) == 0 else { throw .posix("fsync", path, errno: errno) }
}

/// The names in a directory (without `.` and `..`); empty if the directory is missing.
func listDirectory(_ path: String) throws(StoreError) -> [String] {
    guard let stream = opendir(path) else {
        if errno == ENOENT { return [] }
        throw .posix("opendir", path, errno: errno)
    }
    defer { closedir(stream) }
    var names: [String] = []
    while let entry = readdir(stream) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        if name != "." && name != ".." { names.append(name) }
    }
    return names
}
