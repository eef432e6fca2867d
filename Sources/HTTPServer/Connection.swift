import HTTPWire

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One accepted TCP connection: its descriptor, receive buffer, queued output and timeout state.
///
/// Only one worker at a time touches a connection (its epoll registration is one-shot), so the buffers need no
/// lock; `isBusy`, `awaitsWritable`, `deadline` and `timedOut` are shared with the timeout sweeper and guarded by the
/// server's lock.
final class Connection: @unchecked Sendable {
    let descriptor: Int32
    let remoteAddress: String
    var parser: HTTPRequestHeadParser

    private(set) var storage: [UInt8]
    private let outbound = OutboundQueue()
    private(set) var start = 0
    private(set) var end = 0
    private let initialCapacity = 4096

    var isBusy = false
    /// Registered for `EPOLLOUT`: queued output waits for the client to read.
    var awaitsWritable = false
    /// What to do once the queued output is written.
    var afterOutput = AfterResponse.serveNext
    var deadline: Double = 0
    var deadlineIsForHead = false
    var timedOut = false
    /// Where the queued response stands with its gate (guarded by the server's lock).
    var gate = GateState.none
    /// The queued response waits for its gate: `writeQueued` sends nothing. Set by the worker that queued it;
    /// cleared by whoever releases the response — that worker, or the gate's opening once the connection is parked.
    var outputHeld = false
    /// The HTTP version of the request whose response is held (for the 500 that replaces it if its gate fails).
    var heldVersion = HTTPVersion(major: 1, minor: 1)

    init(descriptor: Int32, remoteAddress: String, limits: HTTPLimits) {
        self.descriptor = descriptor
        self.remoteAddress = remoteAddress
        self.parser = HTTPRequestHeadParser(limits: limits)
        self.storage = [UInt8](repeating: 0, count: initialCapacity)
    }

    /// Bytes received and not yet consumed.
    var buffered: Int { end - start }

    /// Marks `count` buffered bytes as consumed.
    func consume(_ count: Int) {
        start += count
        if start == end {
            start = 0
            end = 0
            if storage.count > initialCapacity { storage = [UInt8](repeating: 0, count: initialCapacity) }
        }
    }

    /// Runs `body` on the unconsumed bytes.
    func withBuffered<T>(_ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        try storage.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[start..<end])) }
    }

    /// Makes room for at least `minimum` more bytes, compacting first and growing up to `limit` capacity.
    private func reserve(_ minimum: Int, limit: Int) -> Bool {
        if storage.count - end >= minimum { return true }
        if start > 0 {
            storage.withUnsafeMutableBytes { raw in
                guard let base = raw.baseAddress else { return }
                memmove(base, base + start, end - start)
            }
            end -= start
            start = 0
            if storage.count - end >= minimum { return true }
        }
        guard storage.count < limit else { return storage.count > end }
        let grown = min(limit, max(storage.count * 2, end + minimum))
        storage.append(contentsOf: [UInt8](repeating: 0, count: grown - storage.count))
        return true
    }

    enum ReadResult {
        case data(Int)
        case wouldBlock
        case closed
    }

    /// One non-blocking `recv` into the buffer, which may grow to `limit` bytes.
    /// Whether bytes the client sent wait unread in the socket (a peek; nothing is consumed).
    var hasUnreadBytes: Bool {
        var byte: UInt8 = 0
        return recv(descriptor, &byte, 1, Int32(MSG_PEEK | MSG_DONTWAIT)) > 0
    }

    func receive(limit: Int) -> ReadResult {
        guard reserve(1024, limit: limit) else { return .data(0) }
        while true {
            let count = storage.withUnsafeMutableBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return recv(descriptor, base + end, raw.count - end, 0)
            }
            if count > 0 {
                end += count
                return .data(count)
            }
            if count == 0 { return .closed }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return .wouldBlock
            default: return .closed
            }
        }
    }

    /// Receives at least one byte, waiting up to `timeout` seconds.
    func receiveBlocking(limit: Int, timeout: Double) throws {
        while true {
            switch receive(limit: limit) {
            case .data(let count) where count > 0: return
            case .data: throw HTTPBodyError.invalid(.headerBlockTooLarge)
            case .closed: throw HTTPBodyError.connectionClosed
            case .wouldBlock: try wait(for: Int16(POLLIN), timeout: timeout)
            }
        }
    }

    /// Lingering close (RFC 9112 §9.6): after an early response to a request whose body is still arriving, stop
    /// sending, then read and discard what the client sends — up to `limit` bytes or `timeout` seconds — so its
    /// kernel does not turn our close into a reset that destroys the response before the client reads it.
    func linger(limit: Int, timeout: Double) {
        shutdown(descriptor, Int32(SHUT_WR))
        let deadline = monotonicSeconds() + timeout
        var discarded = 0
        var scratch = [UInt8](repeating: 0, count: 64 * 1024)
        while discarded < limit {
            let remaining = deadline - monotonicSeconds()
            guard remaining > 0,
                let count = try? scratch.withUnsafeMutableBytes({ try receiveDirect(into: $0, timeout: remaining) })
            else { return }
            discarded += count
        }
    }

    /// `recv` straight into `destination` (for large identity bodies), waiting up to `timeout` seconds.
    func receiveDirect(into destination: UnsafeMutableRawBufferPointer, timeout: Double) throws -> Int {
        while true {
            let count = recv(descriptor, destination.baseAddress, destination.count, 0)
            if count > 0 { return count }
            if count == 0 { throw HTTPBodyError.connectionClosed }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: try wait(for: Int16(POLLIN), timeout: timeout)
            default: throw HTTPBodyError.connectionClosed
            }
        }
    }

    /// Copies buffered bytes into `destination`; returns how many.
    func takeBuffered(into destination: UnsafeMutableRawBufferPointer) -> Int {
        let count = min(destination.count, buffered)
        guard count > 0 else { return 0 }
        storage.withUnsafeBytes { raw in
            destination.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[start..<(start + count)]))
        }
        consume(count)
        return count
    }

    /// Queues `bytes` for the client after anything already queued; `writeQueued` sends them.
    func enqueue(_ bytes: [UInt8]) {
        outbound.append(bytes)
    }

    /// Queues `length` bytes of the open `file` from `offset`; the connection takes ownership of the descriptor.
    func enqueue(file: Int32, offset: Int64, length: Int64) {
        outbound.append(file: file, offset: offset, length: length)
    }

    /// Queues everything written to `spill`; the connection takes its descriptor and releases it once sent.
    func enqueue(spill: StreamSpillFile) {
        outbound.append(file: spill.handOver(), offset: 0, length: spill.length, owner: spill)
    }

    /// Drops everything queued for the client.
    func discardQueued() {
        outbound.discard()
    }

    /// In-memory response bytes queued and not yet written.
    var queuedBytes: Int { outbound.bufferedBytes }

    /// Whether response output is queued and waiting for the socket to become writable.
    var hasPendingOutput: Bool { !outbound.isEmpty }

    /// Writes queued output without waiting, and returns whether any is left over; throws when the client is gone.
    @discardableResult
    func writeQueued() throws -> Bool {
        if outputHeld { return true }
        switch outbound.flush(to: descriptor) {
        case .done: return false
        case .pending: return true
        case .failed: throw HTTPBodyError.connectionClosed
        }
    }

    /// Writes queued output, waiting for the socket (up to `timeout` seconds per wait) only while more than `limit`
    /// in-memory bytes remain queued: streamed bodies keep at most `limit` bytes per connection, and `limit` 0
    /// sends everything before returning.
    func writeQueued(keepingAtMost limit: Int, timeout: Double) throws {
        while try writeQueued(), outbound.bufferedBytes > limit {
            try wait(for: Int16(POLLOUT), timeout: timeout)
        }
    }

    private func wait(for events: Int16, timeout: Double) throws {
        var entry = pollfd(fd: descriptor, events: events, revents: 0)
        while true {
            let ready = poll(&entry, 1, Int32(timeout * 1000))
            if ready > 0 {
                return
            } else if ready == 0 {
                throw HTTPBodyError.timedOut
            } else if errno != EINTR {
                throw HTTPBodyError.connectionClosed
            }
        }
    }
}

/// Monotonic time in seconds, for deadlines.
func monotonicSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}

/// What a connection does once a response is completely written.
enum AfterResponse {
    /// Keep the connection and serve the next request.
    case serveNext
    /// Close the connection.
    case close
    /// Lingering close: the client may still be sending a request body that was not read.
    case lingerThenClose
}

/// A held response and its gate (ADR 0019).
enum GateState {
    /// No response waits for a gate.
    case none
    /// A worker is still serving the connection, and the gate has not opened.
    case waiting
    /// The gate opened (true) or failed (false) while a worker was still serving the connection.
    case opened(Bool)
    /// No worker serves the connection and it is not registered with epoll: the gate's opening re-arms it.
    case parked
}
