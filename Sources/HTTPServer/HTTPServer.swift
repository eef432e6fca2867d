import CLinux
import Foundation
import HTTPWire
public import Logging
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The HTTP/1.1 server: one epoll instance shared by a bounded pool of worker threads.
///
/// Each worker takes one ready descriptor per `epoll_wait`; a ready listener is accepted from, a ready connection is read, parsed and —
/// once a request head is complete — served on that same thread (handlers are synchronous and may block).
/// Connections are registered one-shot, so exactly one worker owns a connection while it is active; idle
/// keep-alive connections cost a descriptor and a small buffer. A response the client does not take at once stays
/// queued on its connection, which is re-armed for `EPOLLOUT`, and the worker moves on. A sweeper thread enforces the
/// header, keep-alive and write timeouts by shutting sockets down, which wakes their worker, and gives freed heap
/// pages back to the kernel when the server is quiet or its resident size grew (`HeapTrimSchedule`). See
/// `Docs/decisions/0001-http-server-threading.md` and `Docs/decisions/0006-writes-driven-by-epoll.md`.
public final class HTTPServer: @unchecked Sendable {
    private let configuration: ServerConfiguration
    private let responder: any HTTPResponder
    private let logger: Logger
    private let accessLog: (@Sendable (AccessLogEntry) -> Void)?

    private let lock = NSLock()
    private var connections: [Int32: Connection] = [:]
    private var listeners: [Listener] = []
    /// Set once, under `lock`, when a shutdown begins. Read without the lock where a late answer is harmless (a
    /// request served while the flag turns is answered as before it turned); decisions that must not miss it read it
    /// under the lock.
    private let draining = Atomic<Bool>(false)
    private var stopped = false
    private var epollDescriptor: Int32 = -1
    private var wakeDescriptor: Int32 = -1
    private let threads = DispatchGroup()
    private let requestsStarted = Atomic<Int>(0)

    private static let wakeTag: UInt64 = 0
    private static let listenerTagLimit: UInt64 = 1024

    /// Creates a server that answers with `responder`; `accessLog` receives one entry per request.
    public init(
        configuration: ServerConfiguration,
        responder: any HTTPResponder,
        logger: Logger,
        accessLog: (@Sendable (AccessLogEntry) -> Void)? = nil
    ) {
        self.configuration = configuration
        self.responder = responder
        self.logger = logger
        self.accessLog = accessLog
    }

    /// Open connections right now.
    public var connectionCount: Int {
        lock.withLock { connections.count }
    }

    /// Starts serving on the listeners: creates the epoll instance and the worker and sweeper threads.
    public func start(listeners: [Listener]) throws {
        signal(SIGPIPE, SIG_IGN)
        epollDescriptor = clinux_epoll_create()
        guard epollDescriptor >= 0 else { throw SocketError("epoll_create1") }
        wakeDescriptor = clinux_eventfd()
        guard wakeDescriptor >= 0 else { throw SocketError("eventfd") }
        try register(wakeDescriptor, tag: Self.wakeTag, events: UInt32(CLINUX_EPOLLIN), operation: Self.add)
        self.listeners = listeners
        for (index, listener) in listeners.enumerated() {
            try register(listener.descriptor, tag: UInt64(index + 1), events: Self.oneShotIn, operation: Self.add)
        }
        for index in 0..<max(1, configuration.workerCount) {
            spawn(name: "kalends-worker-\(index)") { [self] in workerLoop() }
        }
        spawn(name: "kalends-sweeper") { [self] in sweeperLoop() }
    }

    /// Graceful shutdown: stops accepting, closes idle connections, lets in-flight requests finish within the
    /// grace period, then stops the threads. Blocks until done.
    public func shutdown() {
        let alreadyDraining = lock.withLock { draining.exchange(true, ordering: .sequentiallyConsistent) }
        guard !alreadyDraining else { return }
        lock.withLock {
            for listener in listeners {
                _ = clinux_epoll_ctl(epollDescriptor, Self.delete, listener.descriptor, 0, 0)
                listener.close()
            }
            listeners = []
            for connection in connections.values where !connection.isBusy && !connection.awaitsWritable {
                Glibc.shutdown(connection.descriptor, Int32(SHUT_RDWR))
            }
        }
        let deadline = monotonicSeconds() + configuration.shutdownGracePeriod
        while connectionCount > 0, monotonicSeconds() < deadline { usleep(20_000) }
        lock.withLock { stopped = true }
        var one: UInt64 = 1
        _ = Glibc.write(wakeDescriptor, &one, 8)
        threads.wait()
        lock.withLock {
            for connection in connections.values { close(connection.descriptor) }
            connections.removeAll()
        }
        close(wakeDescriptor)
        close(epollDescriptor)
    }

    // MARK: - Threads

    private func spawn(name: String, _ body: @escaping @Sendable () -> Void) {
        threads.enter()
        let thread = Thread { [threads] in
            body()
            threads.leave()
        }
        thread.name = name
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// Takes one ready descriptor per `epoll_wait` and serves it. One at a time, because a worker holding several
    /// ready connections serves them one after another while the other workers may be idle: with eight at a time,
    /// the connections behind a 25 ms query waited for it (p99 of a 100-href multiget at eight connections 82–97 ms
    /// against 13–22 ms one at a time, and throughput up 20–50 %; `Docs/decisions/0001-http-server-threading.md`).
    /// The waiters of one epoll instance are woken one per event, so there is no herd to avoid.
    private func workerLoop() {
        var event: UInt32 = 0
        var tag: UInt64 = 0
        while true {
            let count = clinux_epoll_wait_many(epollDescriptor, &event, &tag, 1, -1)
            if count < 0 {
                if errno == EINTR { continue }
                logger.critical("epoll_wait failed: \(SocketError("epoll_wait"))")
                return
            }
            guard count == 1 else { continue }
            if tag == Self.wakeTag {
                if lock.withLock({ stopped }) { return }
                continue
            }
            dispatch(tag)
        }
    }

    private func dispatch(_ tag: UInt64) {
        if tag <= Self.listenerTagLimit {
            acceptConnections(listenerIndex: Int(tag - 1))
        } else if let pointer = UnsafeRawPointer(bitPattern: UInt(tag)) {
            handle(Unmanaged<Connection>.fromOpaque(pointer).takeUnretainedValue())
        }
    }

    private func sweeperLoop() {
        var heapTrim = HeapTrimSchedule(
            quietTicks: 4,
            busyTicks: 40,
            growth: 16 << 20,
            resident: SystemInfo.residentBytes
        )
        while !lock.withLock({ stopped }) {
            usleep(250_000)
            if heapTrim.tick(
                requestsStarted: requestsStarted.load(ordering: .relaxed),
                resident: SystemInfo.residentBytes
            ) {
                SystemInfo.returnFreedMemory()
                heapTrim.trimmed(resident: SystemInfo.residentBytes)
            }
            let now = monotonicSeconds()
            lock.withLock {
                for connection in connections.values
                where !connection.isBusy && !connection.timedOut && connection.deadline < now {
                    if !connection.awaitsWritable && connection.hasUnreadBytes {
                        // The client sent its request; it waits for a worker, so the delay is the server's.
                        connection.deadline = now + configuration.headerTimeout
                        continue
                    }
                    connection.timedOut = true
                    // SHUT_RD wakes the connection's worker with end-of-file; it answers 408 if a head was pending.
                    // SHUT_RDWR makes a connection waiting to write fail its next write.
                    Glibc.shutdown(connection.descriptor, Int32(connection.deadlineIsForHead ? SHUT_RD : SHUT_RDWR))
                }
            }
        }
    }

    // MARK: - Accepting

    private func acceptConnections(listenerIndex: Int) {
        guard let listener = lock.withLock({ listenerIndex < listeners.count ? listeners[listenerIndex] : nil }) else {
            return
        }
        for _ in 0..<64 {
            var storage = sockaddr_storage()
            var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let descriptor = withUnsafeMutablePointer(to: &storage) {
                clinux_accept(listener.descriptor, $0, &length)
            }
            if descriptor < 0 {
                if errno == EINTR || errno == ECONNABORTED { continue }
                if errno != EAGAIN && errno != EWOULDBLOCK {
                    logger.error("accept failed: \(SocketError("accept"))")
                }
                break
            }
            admit(descriptor, remoteAddress: SocketPeer.describe(storage).host)
        }
        lock.withLock {
            if !draining.load(ordering: .relaxed) {
                try? register(
                    listener.descriptor,
                    tag: UInt64(listenerIndex + 1),
                    events: Self.oneShotIn,
                    operation: Self.modify
                )
            }
        }
    }

    private func admit(_ descriptor: Int32, remoteAddress: String) {
        var one: Int32 = 1
        setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        let connection = Connection(descriptor: descriptor, remoteAddress: remoteAddress, limits: configuration.limits)
        let admitted: Bool = lock.withLock {
            guard connections.count < configuration.maxConnections, !draining.load(ordering: .relaxed) else {
                return false
            }
            connection.deadline = monotonicSeconds() + configuration.headerTimeout
            connection.deadlineIsForHead = true
            connections[descriptor] = connection
            return true
        }
        guard admitted else {
            let refusal = Array(
                "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".utf8
            )
            _ = Glibc.send(descriptor, refusal, refusal.count, Int32(MSG_NOSIGNAL))
            close(descriptor)
            return
        }
        do {
            try register(descriptor, tag: tag(of: connection), events: Self.oneShotIn, operation: Self.add)
        } catch {
            closeConnection(connection)
        }
    }

    // MARK: - Serving a connection

    private func handle(_ connection: Connection) {
        lock.withLock { connection.isBusy = true }
        let keepOpen = connection.hasPendingOutput ? continueOutput(connection) : serve(connection)
        guard keepOpen else { return closeConnection(connection) }
        let next: NextWait = lock.withLock {
            switch connection.gate {
            case .waiting:
                // Stays busy and out of epoll until the gate opens (`gateOpened`).
                connection.gate = .parked
                return .parked
            case .opened(let opened):
                connection.gate = .none
                release(connection, opened: opened)
            case .none, .parked:
                break
            }
            connection.isBusy = false
            connection.awaitsWritable = connection.hasPendingOutput
            if connection.timedOut { return .close }
            let now = monotonicSeconds()
            if connection.awaitsWritable {
                setOutputDeadline(connection, now: now)
                return .events(Self.oneShotOut)
            }
            if draining.load(ordering: .relaxed) { return .close }
            if connection.buffered > 0 {
                if !connection.deadlineIsForHead {
                    connection.deadlineIsForHead = true
                    connection.deadline = now + configuration.headerTimeout
                }
            } else {
                connection.deadlineIsForHead = false
                connection.deadline = now + configuration.keepAliveTimeout
            }
            return .events(Self.oneShotIn)
        }
        switch next {
        case .parked:
            return
        case .close:
            closeConnection(connection)
        case .events(let events):
            // Outside the lock: no other thread closes a descriptor while its connection is registered with no
            // worker serving it, and the shutdown closes them only after the workers have stopped.
            if !rearm(connection, for: events) { closeConnection(connection) }
        }
    }

    /// What `handle` does with a connection once it has served it.
    private enum NextWait {
        /// Registers it again for these one-shot epoll events.
        case events(UInt32)
        /// Leaves it out of epoll: a gate holds its response (`gateOpened` registers it).
        case parked
        case close
    }

    /// Marks `connection` as waiting to write, with the write deadline, so the next request is not read before the
    /// queued response is out. Call under the lock.
    private func setOutputDeadline(_ connection: Connection, now: Double) {
        connection.awaitsWritable = true
        connection.deadlineIsForHead = false
        connection.deadline = now + configuration.writeTimeout
    }

    /// Registers `connection` again for `events` (one-shot); returns false when epoll refused.
    private func rearm(_ connection: Connection, for events: UInt32) -> Bool {
        (try? register(connection.descriptor, tag: tag(of: connection), events: events, operation: Self.modify)) != nil
    }

    /// Writes more of a queued response now that the socket is writable; once all of it is out, does what the
    /// response asked for (usually serving the next request). Returns whether to keep the connection.
    private func continueOutput(_ connection: Connection) -> Bool {
        guard let pending = try? connection.writeQueued() else { return false }
        if pending { return true }
        let next = connection.afterOutput
        connection.afterOutput = .serveNext
        return next == .serveNext ? serve(connection) : conclude(connection, next)
    }

    /// Ends a response: when output is still queued, remembers `next` for when it is written and keeps the
    /// connection; otherwise lingers if asked to and returns whether the connection serves another request.
    private func conclude(_ connection: Connection, _ next: AfterResponse) -> Bool {
        if connection.hasPendingOutput {
            connection.afterOutput = next
            return true
        }
        if next == .lingerThenClose { connection.linger(limit: 64 << 20, timeout: 2) }
        return next == .serveNext
    }

    /// Reads and serves requests until the socket would block or a response waits for the client; returns whether
    /// to keep the connection.
    private func serve(_ connection: Connection) -> Bool {
        let headLimit = configuration.limits.maxHeaderBlockSize + 1024
        while true {
            if connection.buffered > 0 {
                do {
                    let parsed = try connection.withBuffered { try connection.parser.parse($0) }
                    if let (head, used) = parsed {
                        connection.consume(used)
                        connection.parser.reset()
                        let next = serveRequest(head, on: connection)
                        guard next == .serveNext, !connection.hasPendingOutput else {
                            return conclude(connection, next)
                        }
                        // Only the serving worker touches a busy connection's deadline fields.
                        connection.deadlineIsForHead = false
                        if draining.load(ordering: .relaxed) { return false }
                        // Nothing pipelined: let epoll report the next request instead of a recv that would block.
                        if connection.buffered == 0 { return true }
                        continue
                    }
                } catch let error as HTTPParseError {
                    sendError(error.status, on: connection)
                    return conclude(connection, .close)
                } catch {
                    sendError(.badRequest, on: connection)
                    return conclude(connection, .close)
                }
            }
            switch connection.receive(limit: headLimit) {
            case .data(let count):
                if count == 0 {
                    sendError(.requestHeaderFieldsTooLarge, on: connection)
                    return conclude(connection, .close)
                }
            case .wouldBlock:
                return true
            case .closed:
                if lock.withLock({ connection.timedOut }), connection.buffered > 0 {
                    sendError(.requestTimeout, on: connection)
                    return conclude(connection, .close)
                }
                return false
            }
        }
    }

    /// Serves one request whose head has been read (its response may still be queued); returns what the connection
    /// does once the response is out.
    private func serveRequest(_ head: HTTPRequestHead, on connection: Connection) -> AfterResponse {
        let started = monotonicSeconds()
        requestsStarted.add(1, ordering: .relaxed)
        if case .contentLength(let length) = head.bodyFraming, length > configuration.limits.maxBodySize {
            sendError(.contentTooLarge, on: connection)
            return .lingerThenClose
        }
        let body: ConnectionBodyReader
        do {
            body = try ConnectionBodyReader(head: head, connection: connection, configuration: configuration)
        } catch {
            sendError(.internalServerError, on: connection)
            return .close
        }
        let request = HTTPRequest(head: head, body: body, remoteAddress: connection.remoteAddress)
        var response = responder.respond(to: request)
        var keepAlive = head.keepAlive && !draining.load(ordering: .relaxed)
        if !body.isComplete {
            keepAlive = keepAlive && !body.failed && body.clientWillSendBody && body.discardRemainder(limit: 1 << 20)
        }
        if let gate = response.gate {
            if case .stream = response.body {
                // A stream is produced as it is sent, so it cannot wait in the queue: this thread waits instead.
                if !Self.waitUntilOpen(gate) {
                    response = .text(.internalServerError, Self.unacknowledgedMessage)
                    keepAlive = false
                }
            } else {
                lock.withLock { connection.gate = .waiting }
                connection.outputHeld = true
                connection.heldVersion = head.version
            }
        }
        let writer = ResponseWriter(connection: connection, configuration: configuration)
        let outcome: (bytes: Int64, keepAlive: Bool)
        do {
            outcome = try writer.write(response, for: head, keepAlive: keepAlive)
        } catch {
            logAccess(
                head,
                status: response.status,
                user: response.accessLogUser,
                bytes: 0,
                started: started,
                connection: connection
            )
            return .close
        }
        if connection.outputHeld, let gate = response.gate {
            let status = response.status
            let user = response.accessLogUser
            gate.whenOpen { [self] opened in
                logAccess(
                    head,
                    status: opened ? status : .internalServerError,
                    user: user,
                    bytes: opened ? outcome.bytes : 0,
                    started: started,
                    connection: connection
                )
                gateOpened(connection, opened: opened)
            }
        } else {
            logAccess(
                head,
                status: response.status,
                user: response.accessLogUser,
                bytes: outcome.bytes,
                started: started,
                connection: connection
            )
        }
        if outcome.keepAlive { return .serveNext }
        return !body.isComplete && !body.failed && body.clientWillSendBody ? .lingerThenClose : .close
    }

    private func logAccess(
        _ head: HTTPRequestHead,
        status: HTTPStatus,
        user: String?,
        bytes: Int64,
        started: Double,
        connection: Connection
    ) {
        guard let accessLog else { return }
        accessLog(
            AccessLogEntry(
                method: head.method,
                target: head.target,
                status: status.code,
                bytesSent: bytes,
                duration: monotonicSeconds() - started,
                user: user,
                remoteAddress: connection.remoteAddress
            )
        )
    }

    // MARK: - Responses held by a gate (ADR 0019)

    /// What a client is told when the writes its response would acknowledge could not be made durable.
    private static let unacknowledgedMessage =
        "The change could not be made durable; it may or may not have been saved."

    /// The gate of the response queued on `connection` opened: if no worker serves the connection any more, releases
    /// the response and hands the connection to epoll to write it; else leaves that to the worker (`handle`).
    private func gateOpened(_ connection: Connection, opened: Bool) {
        lock.withLock {
            switch connection.gate {
            case .waiting:
                connection.gate = .opened(opened)
            case .parked:
                connection.gate = .none
                // After a shutdown whose grace period ended first, the descriptor is closed and may be reused.
                guard connections[connection.descriptor] === connection else { return }
                release(connection, opened: opened)
                connection.isBusy = false
                setOutputDeadline(connection, now: monotonicSeconds())
                if !rearm(connection, for: Self.oneShotOut) {
                    connections.removeValue(forKey: connection.descriptor)
                    close(connection.descriptor)
                }
            case .opened, .none:
                break
            }
        }
    }

    /// Lets the held response go out — or, when its gate failed, replaces it with a 500 that closes the connection.
    /// Called by the one thread that owns the connection at that moment, under the lock.
    private func release(_ connection: Connection, opened: Bool) {
        connection.outputHeld = false
        guard !opened else { return }
        connection.discardQueued()
        let body = Array((Self.unacknowledgedMessage + "\n").utf8)
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "text/plain; charset=utf-8")
        headers.add(name: "Content-Length", value: String(body.count))
        headers.add(name: "Date", value: HTTPDate.now())
        connection.enqueue(
            ResponseWriter.encodeHead(.internalServerError, headers, keepAlive: false, version: connection.heldVersion)
        )
        connection.enqueue(body)
        connection.afterOutput = .close
    }

    /// Waits until `gate` opens; returns whether the response may be sent.
    private static func waitUntilOpen(_ gate: any ResponseGate) -> Bool {
        let outcome = GateOutcome()
        gate.whenOpen { outcome.set($0) }
        return outcome.wait()
    }

    private func sendError(_ status: HTTPStatus, on connection: Connection) {
        let head = HTTPRequestHead(method: .get, target: "*", keepAlive: false)
        let writer = ResponseWriter(connection: connection, configuration: configuration)
        _ = try? writer.write(.text(status, status.reasonPhrase), for: head, keepAlive: false)
        if let accessLog {
            accessLog(
                AccessLogEntry(
                    method: "-",
                    target: "-",
                    status: status.code,
                    bytesSent: 0,
                    duration: 0,
                    user: nil,
                    remoteAddress: connection.remoteAddress
                )
            )
        }
    }

    private func closeConnection(_ connection: Connection) {
        lock.withLock { _ = connections.removeValue(forKey: connection.descriptor) }
        close(connection.descriptor)
    }

    // MARK: - epoll

    private static let oneShotIn = UInt32(CLINUX_EPOLLIN | CLINUX_EPOLLRDHUP | CLINUX_EPOLLONESHOT)
    private static let oneShotOut = UInt32(CLINUX_EPOLLOUT | CLINUX_EPOLLONESHOT)
    private static let add = Int32(CLINUX_EPOLL_CTL_ADD)
    private static let modify = Int32(CLINUX_EPOLL_CTL_MOD)
    private static let delete = Int32(CLINUX_EPOLL_CTL_DEL)

    private func tag(of connection: Connection) -> UInt64 {
        UInt64(UInt(bitPattern: Unmanaged.passUnretained(connection).toOpaque()))
    }

    private func register(_ descriptor: Int32, tag: UInt64, events: UInt32, operation: Int32) throws {
        guard clinux_epoll_ctl(epollDescriptor, operation, descriptor, events, tag) == 0 else {
            throw SocketError("epoll_ctl")
        }
    }
}

/// The answer of a gate one thread waits for.
private final class GateOutcome: @unchecked Sendable {
    private let condition = NSCondition()
    private var opened: Bool?

    func set(_ value: Bool) {
        condition.withLock {
            opened = value
            condition.broadcast()
        }
    }

    func wait() -> Bool {
        condition.withLock {
            while opened == nil { condition.wait() }
            return opened ?? false
        }
    }
}
