import Foundation
import HTTPWire
import Synchronization

/// The part of a streamed response body that did not fit the connection's output queue: an unlinked temporary
/// file (in `TMPDIR`, `/tmp` by default) that the producer appends framed chunks to and the connection then sends
/// with `sendfile`, so the producer never waits for a client that reads slowly or not at all
/// (see `Docs/decisions/0006-writes-driven-by-epoll.md`).
///
/// All spill files of the process together hold at most `budget` bytes; the bytes of a file stay reserved until
/// the connection has sent or discarded it (the queue keeps the file object alive until then). When the budget is
/// used up, `append` refuses and the producer hands over what it spilled and waits for the client as before.
final class StreamSpillFile: @unchecked Sendable {
    /// Most bytes all spill files may hold at once.
    static let budget: Int64 = 256 << 20
    private static let reserved = Mutex<Int64>(0)

    private var descriptor: Int32
    private(set) var length: Int64 = 0

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// A new empty spill file, or nil when none can be created.
    static func create() -> StreamSpillFile? {
        let directory = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((directory + "/kalends-stream-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.map { mkstemp($0) } ?? -1
        }
        guard descriptor >= 0 else { return nil }
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        template.withUnsafeBufferPointer { buffer in _ = buffer.baseAddress.map { unlink($0) } }
        return StreamSpillFile(descriptor: descriptor)
    }

    /// Appends `bytes` if the budget allows; false (nothing written) when it does not. Throws when the write
    /// fails part-way, since the file then holds a partial chunk.
    func append(_ bytes: [UInt8]) throws -> Bool {
        let count = Int64(bytes.count)
        let granted = Self.reserved.withLock { total in
            guard total + count <= Self.budget else { return false }
            total += count
            return true
        }
        guard granted else { return false }
        length += count
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { throw HTTPBodyError.connectionClosed }
            offset += written
        }
        return true
    }

    /// Gives the descriptor to the caller (the output queue closes it); the file's bytes stay reserved until this
    /// object is released.
    func handOver() -> Int32 {
        let handed = descriptor
        descriptor = -1
        return handed
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
        let length = length
        Self.reserved.withLock { $0 -= length }
    }
}
