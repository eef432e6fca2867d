#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Response bytes and file regions accepted for one connection but not yet written to its socket, in order.
///
/// `flush` never waits: it writes what the socket takes and leaves the rest queued, so the worker can hand the
/// connection to epoll (`EPOLLOUT`) instead of blocking on a client that reads slowly. In-memory segments are the
/// response's own arrays (copy-on-write, so queueing them copies nothing); a file region owns its descriptor and
/// closes it when sent or discarded, and keeps its `owner` (a `StreamSpillFile`) alive until then. See `Docs/decisions/0006-writes-driven-by-epoll.md`.
final class OutboundQueue {
    private enum Segment {
        case bytes([UInt8], sent: Int)
        case file(descriptor: Int32, offset: Int64, remaining: Int64, owner: AnyObject?)
    }

    /// What one `flush` achieved.
    enum FlushResult {
        /// Everything queued is written.
        case done
        /// The socket buffer is full; the rest waits for `EPOLLOUT`.
        case pending
        /// The peer is gone (or a file could not be read); the queue was discarded.
        case failed
    }

    private var segments: [Segment] = []
    /// In-memory bytes queued and not yet written (file regions are not counted: they stay on disk).
    private(set) var bufferedBytes = 0

    /// Whether nothing waits to be written.
    var isEmpty: Bool { segments.isEmpty }

    /// Queues `bytes` after everything already queued.
    func append(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        segments.append(.bytes(bytes, sent: 0))
        bufferedBytes += bytes.count
    }

    /// Queues `length` bytes of the open `file` from `offset`; the queue takes ownership of the descriptor and
    /// holds `owner` until the region is sent or discarded.
    func append(file: Int32, offset: Int64, length: Int64, owner: AnyObject? = nil) {
        guard length > 0 else {
            close(file)
            return
        }
        segments.append(.file(descriptor: file, offset: offset, remaining: length, owner: owner))
    }

    /// Writes as much as the non-blocking `socket` accepts: neighbouring byte segments in one `sendmsg`, file
    /// regions with `sendfile`.
    func flush(to socket: Int32) -> FlushResult {
        while let first = segments.first {
            let sent: Int
            switch first {
            case .bytes:
                sent = sendGathered(from: 0, vectors: [], socket: socket)
            case .file(let file, let offset, let remaining, _):
                var position = off_t(offset)
                sent = sendfile(socket, file, &position, Int(min(remaining, 1 << 30)))
                if sent == 0 {
                    discard()
                    return .failed
                }
            }
            if sent < 0 {
                switch errno {
                case EINTR: continue
                case EAGAIN, EWOULDBLOCK: return .pending
                default:
                    discard()
                    return .failed
                }
            }
            advance(by: sent)
        }
        return .done
    }

    /// Drops everything queued and closes the file descriptors it owns.
    func discard() {
        for case .file(let file, _, _, _) in segments { close(file) }
        segments.removeAll()
        bufferedBytes = 0
    }

    deinit { discard() }

    /// One `sendmsg` over up to eight leading byte segments; their arrays stay pinned while it runs.
    private func sendGathered(from index: Int, vectors: [iovec], socket: Int32) -> Int {
        guard index < segments.count, vectors.count < 8, case .bytes(let bytes, let sent) = segments[index] else {
            var vectors = vectors
            return vectors.withUnsafeMutableBufferPointer { pointer in
                var message = msghdr()
                message.msg_iov = pointer.baseAddress
                message.msg_iovlen = pointer.count
                return sendmsg(socket, &message, Int32(MSG_NOSIGNAL | MSG_DONTWAIT))
            }
        }
        return bytes.withUnsafeBytes { raw in
            let vector = iovec(
                iov_base: UnsafeMutableRawPointer(mutating: raw.baseAddress.map { $0 + sent }),
                iov_len: raw.count - sent
            )
            return sendGathered(from: index + 1, vectors: vectors + [vector], socket: socket)
        }
    }

    /// Removes `count` written bytes from the front of the queue.
    private func advance(by count: Int) {
        var remaining = count
        while remaining > 0, let first = segments.first {
            switch first {
            case .bytes(let bytes, let sent):
                let left = bytes.count - sent
                if remaining >= left {
                    segments.removeFirst()
                    bufferedBytes -= left
                    remaining -= left
                } else {
                    segments[0] = .bytes(bytes, sent: sent + remaining)
                    bufferedBytes -= remaining
                    remaining = 0
                }
            case .file(let file, let offset, let left, let owner):
                if Int64(remaining) >= left {
                    close(file)
                    segments.removeFirst()
                } else {
                    segments[0] = .file(
                        descriptor: file,
                        offset: offset + Int64(remaining),
                        remaining: left - Int64(remaining),
                        owner: owner
                    )
                }
                remaining = 0
            }
        }
    }
}
