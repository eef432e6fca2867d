import Foundation
import Store

/// A fresh empty directory under the system temp directory.
func makeTemporaryDirectory() -> String {
    let path = NSTemporaryDirectory() + "kalends-store-tests-" + UUID().uuidString
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// Removes a test directory.
func removeDirectory(_ path: String) {
    try? FileManager.default.removeItem(atPath: path)
}

/// A store in a fresh directory with one user "alice", removed by `close()`.
final class Fixture {
    let directory: String
    let store: DataStore

    init(options: StoreOptions = StoreOptions(), user: String? = "alice") throws {
        directory = makeTemporaryDirectory()
        store = try DataStore(directory: directory, options: options)
        if let user { _ = try store.createUser(name: user, email: nil, passwordHash: "x") }
    }

    deinit {
        removeDirectory(directory)
    }

    /// Puts `bytes` at `path`, fed in chunks of `chunk` bytes.
    @discardableResult
    func put(_ path: String, _ bytes: [UInt8], chunk: Int = 10_000, type: String? = "text/plain") throws -> PutResult {
        let source = ByteSource(bytes, chunk: chunk)
        return try store.putResource(at: path, contentType: type, read: source.read, precondition: { _ in })
    }

    /// Puts a calendar object at `path` with its index entry (the bytes are a stand-in: the store does not parse).
    func putObject(_ path: String, _ entry: ObjectIndexEntry) throws {
        let source = ByteSource(Array("BEGIN:VCALENDAR".utf8), chunk: 64)
        _ = try store.putResource(at: path, contentType: "text/calendar", read: source.read, index: entry)
    }

    /// Puts a UTF-8 string.
    @discardableResult
    func put(_ path: String, _ text: String) throws -> PutResult {
        try put(path, Array(text.utf8))
    }

    /// The bytes stored at `path`, read back from inline storage or the blob file.
    func bytes(at path: String) throws -> [UInt8]? {
        guard let (_, content) = try store.content(at: path) else { return nil }
        switch content {
        case .inline(let bytes): return bytes
        case .file(let file, _): return [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
        }
    }

    /// The blob files on disk (excluding temp files).
    func blobFiles() -> [String] {
        let root = directory + "/blobs"
        let shards = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return shards.filter { $0 != "tmp" }.flatMap { shard in
            ((try? FileManager.default.contentsOfDirectory(atPath: root + "/" + shard)) ?? []).map {
                root + "/" + shard + "/" + $0
            }
        }
    }

    /// The temp files on disk.
    func temporaryFiles() -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: directory + "/blobs/tmp")) ?? []
    }
}

/// Feeds a byte array to a `ContentReader` in fixed-size chunks.
final class ByteSource {
    private let bytes: [UInt8]
    private let chunk: Int
    private var offset = 0

    init(_ bytes: [UInt8], chunk: Int) {
        self.bytes = bytes
        self.chunk = chunk
    }

    func read(_ buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = min(chunk, buffer.count, bytes.count - offset)
        guard count > 0 else { return 0 }
        bytes[offset..<(offset + count)].withUnsafeBytes { buffer.copyMemory(from: $0) }
        offset += count
        return count
    }
}

/// Pseudo-random bytes from a fixed seed (xorshift), cheap to produce.
func patternBytes(count: Int, seed: UInt64 = 0x9E37_79B9_7F4A_7C15) -> [UInt8] {
    var state = seed
    var result = [UInt8](repeating: 0, count: count)
    for index in 0..<count {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        result[index] = UInt8(truncatingIfNeeded: state)
    }
    return result
}

/// An error a test reader or precondition throws.
struct TestAbort: Error, Equatable {}

/// The SHA-256 hex of bytes.
func sha256Hex(_ bytes: [UInt8]) -> String {
    SHA256.hex(SHA256.digest(bytes))
}

/// CPU time consumed by the calling thread, in seconds (robust against a loaded machine).
func threadCPUTime() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

/// A deterministic generator (SplitMix64), so a failing random case can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
