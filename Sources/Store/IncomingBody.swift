import Foundation

/// A request body fully received before the write transaction starts: small bodies in
/// memory, large ones spilled to a fsynced temp file. Both carry the SHA-256 hex.
enum IncomingBody {
    case inline(bytes: [UInt8], hash: String)
    case spilled(temporaryPath: String, hash: String, length: Int64)

    /// The SHA-256 hex of the body.
    var hash: String {
        switch self {
        case .inline(_, let hash), .spilled(_, let hash, _): return hash
        }
    }

    /// The body length in bytes.
    var length: Int64 {
        switch self {
        case .inline(let bytes, _): return Int64(bytes.count)
        case .spilled(_, _, let length): return length
        }
    }

    /// The strong ETag: the first 32 hex digits of the SHA-256 (cut from the UTF-8 bytes: `prefix` on the characters
    /// ran grapheme breaking over the digits twice per PUT).
    var etag: String { String(decoding: hash.utf8.prefix(32), as: UTF8.self) }

    /// The size of the buffer handed to the reader (constant memory while streaming).
    static let bufferSize = 256 * 1024

    /// Pulls the whole body from `read`, hashing as it goes. Up to `inlineLimit` bytes stay
    /// in memory; past that everything goes to a temp file in `blobs.temporaryDirectory`,
    /// which is fsynced and closed before returning. If `read` throws, its error is
    /// rethrown unchanged and the temp file is removed; write errors (ENOSPC) throw `.io`.
    static func receive(
        from read: ContentReader,
        inlineLimit: Int,
        blobs: BlobStore
    ) throws -> IncomingBody {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bufferSize, alignment: 16)
        defer { buffer.deallocate() }
        var hasher = SHA256()
        var memory: [UInt8] = []
        var spill: SpillFile?
        do {
            while true {
                let count = try read(buffer)
                guard count >= 0 && count <= buffer.count else {
                    throw StoreError.io("content reader returned an invalid count \(count)")
                }
                if count == 0 { break }
                let chunk = UnsafeRawBufferPointer(rebasing: buffer[0..<count])
                hasher.update(chunk)
                if let file = spill {
                    try file.append(chunk)
                } else if memory.count + count <= inlineLimit {
                    memory.append(contentsOf: chunk)
                } else {
                    let file = try SpillFile(directory: blobs.temporaryDirectory)
                    spill = file
                    try memory.withUnsafeBytes { try file.append($0) }
                    memory = []
                    try file.append(chunk)
                }
            }
            let hash = SHA256.hex(hasher.finalize())
            guard let file = spill else { return .inline(bytes: memory, hash: hash) }
            try file.finish()
            return .spilled(temporaryPath: file.path, hash: hash, length: file.written)
        } catch {
            spill?.discard()
            throw error
        }
    }

    /// A body already in memory: up to `inlineLimit` bytes it stays the same array, only hashed; past that it is
    /// spilled as `receive(from:inlineLimit:blobs:)` spills it.
    static func holding(_ bytes: [UInt8], inlineLimit: Int, blobs: BlobStore) throws -> IncomingBody {
        guard bytes.count <= inlineLimit else {
            var remaining = bytes[...]
            return try receive(
                from: { buffer in
                    let count = min(buffer.count, remaining.count)
                    buffer.copyBytes(from: remaining.prefix(count))
                    remaining = remaining.dropFirst(count)
                    return count
                },
                inlineLimit: inlineLimit,
                blobs: blobs
            )
        }
        var hasher = SHA256()
        hasher.update(bytes)
        return .inline(bytes: bytes, hash: SHA256.hex(hasher.finalize()))
    }

    /// Removes the temp file if the body was spilled and not installed.
    func discard() {
        if case .spilled(let path, _, _) = self { unlink(path) }
    }
}

/// A temp file being written; closed by `finish()` or `discard()`.
private final class SpillFile {
    let path: String
    private var descriptor: Int32
    private(set) var written: Int64 = 0

    init(directory: String) throws(StoreError) {
        path = "\(directory)/\(String(UInt64.random(in: 0...UInt64.max), radix: 16))-\(getpid())"
        descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .posix("create", path, errno: errno) }
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// Writes all of `bytes`, retrying short writes and EINTR.
    func append(_ bytes: UnsafeRawBufferPointer) throws(StoreError) {
        guard var pointer = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            let count = write(descriptor, pointer, remaining)
            if count < 0 {
                if errno == EINTR { continue }
                throw .posix("write", path, errno: errno)
            }
            pointer += count
            remaining -= count
            written += Int64(count)
        }
    }

    /// fsyncs and closes the file.
    func finish() throws(StoreError) {
        guard fsync(descriptor) == 0 else { throw .posix("fsync", path, errno: errno) }
        let result = close(descriptor)
        descriptor = -1
        guard result == 0 else { throw .posix("close", path, errno: errno) }
    }

    /// Closes and removes the file.
    func discard() {
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
        unlink(path)
    }
}
