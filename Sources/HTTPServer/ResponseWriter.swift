import HTTPWire

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Frames and sends one response: adds `Date`, `Content-Length` or chunked framing and `Connection`, compresses
/// when allowed, and writes head and body in as few system calls as possible (head and in-memory body in one
/// `sendmsg`; files with `sendfile`).
///
/// Nothing here waits for a slow client: what the socket does not take stays queued on the connection, which the
/// server then hands to epoll until it is writable. A streamed body beyond `streamBufferLimit` queued bytes goes
/// to a `StreamSpillFile` and is sent from there; only when the spill budget is used up does its producer wait.
struct ResponseWriter {
    let connection: Connection
    let configuration: ServerConfiguration

    /// zlib's level for bodies compressed once per response: the fastest, as nginx's default; a 2 MB listing costs
    /// 1.7x less CPU than at level 6 and comes out 10 % larger. (A `SharedBody`, compressed once for many responses,
    /// keeps level 6.)
    static let compressionLevel: Int32 = 1

    /// Most bytes of a streamed body queued in memory per connection; the rest spills to a temporary file. 1 MiB
    /// made the queues of 64 clients reading large reports the largest part of the heap peak (Docs/decisions/0006).
    static let streamBufferLimit = 256 << 10

    /// Sends `response` to the request `head`; returns the body bytes sent and whether the connection may stay open.
    func write(
        _ response: HTTPResponse,
        for head: HTTPRequestHead,
        keepAlive requestedKeepAlive: Bool
    ) throws -> (bytes: Int64, keepAlive: Bool) {
        var keepAlive = requestedKeepAlive
        var headers = response.headers
        let sendsBody = head.method != .head && response.status.allowsBody
        let gzip =
            response.isCompressible && response.status.allowsBody && headers["Content-Encoding"] == nil
            && Self.acceptsGzip(head.headers)
        headers.add(name: "Date", value: HTTPDate.now())

        switch response.body {
        case .empty:
            if response.status.allowsBody { headers.replaceOrAdd(name: "Content-Length", value: "0") }
            try sendHead(response.status, headers, keepAlive: keepAlive, version: head.version)
            return (0, keepAlive)

        case .bytes(let bytes):
            let compresses = gzip && bytes.count >= configuration.compressionThreshold
            let packed = compresses ? try? GzipCompressor.compress(bytes, level: Self.compressionLevel) : nil
            return try writeWhole(
                response.status,
                headers,
                packed ?? bytes,
                gzipped: packed != nil,
                for: head,
                keepAlive
            )

        case .shared(let body):
            let compresses = gzip && body.bytes.count >= configuration.compressionThreshold
            let packed = compresses ? body.gzipped() : nil
            return try writeWhole(
                response.status,
                headers,
                packed ?? body.bytes,
                gzipped: packed != nil,
                for: head,
                keepAlive
            )

        case .file(let path, let offset, let length):
            headers.replaceOrAdd(name: "Content-Length", value: String(length))
            guard sendsBody else {
                try sendHead(response.status, headers, keepAlive: keepAlive, version: head.version)
                return (0, keepAlive)
            }
            let file = open(path, O_RDONLY | O_CLOEXEC)
            guard file >= 0 else {
                let failure = HTTPResponse.text(.internalServerError, "The stored content could not be opened.")
                return try write(failure, for: head, keepAlive: false)
            }
            connection.enqueue(Self.encodeHead(response.status, headers, keepAlive: keepAlive, version: head.version))
            connection.enqueue(file: file, offset: offset, length: length)
            try connection.writeQueued()
            return (length, keepAlive)

        case .stream(let produce):
            headers.remove(name: "Content-Length")
            let chunked = head.version.minor >= 1
            if !chunked { keepAlive = false }
            if chunked && sendsBody { headers.replaceOrAdd(name: "Transfer-Encoding", value: "chunked") }
            if gzip && sendsBody {
                headers.replaceOrAdd(name: "Content-Encoding", value: "gzip")
                headers.add(name: "Vary", value: "Accept-Encoding")
            }
            let headBytes = Self.encodeHead(response.status, headers, keepAlive: keepAlive, version: head.version)
            guard sendsBody else {
                connection.enqueue(headBytes)
                try connection.writeQueued()
                return (0, keepAlive)
            }
            let writer = StreamingBodyWriter(
                connection: connection,
                pendingHead: headBytes,
                chunked: chunked,
                compressor: gzip ? try? GzipCompressor(level: Self.compressionLevel) : nil,
                timeout: configuration.writeTimeout
            )
            do {
                try produce(writer)
                try writer.finish()
            } catch let error as HTTPBodyError {
                throw error
            } catch {
                // The head may be out already: all that can be done is to cut the connection.
                throw HTTPBodyError.connectionClosed
            }
            return (writer.bytesSent, keepAlive)
        }
    }

    /// Sends a head with `Content-Length` (and `Content-Encoding: gzip` when `gzipped`) and, unless the request was
    /// HEAD, `body`; returns the body bytes sent and `keepAlive`.
    private func writeWhole(
        _ status: HTTPStatus,
        _ headers: HTTPHeaders,
        _ body: [UInt8],
        gzipped: Bool,
        for head: HTTPRequestHead,
        _ keepAlive: Bool
    ) throws -> (bytes: Int64, keepAlive: Bool) {
        let sendsBody = head.method != .head && status.allowsBody
        var headers = headers
        if gzipped {
            headers.replaceOrAdd(name: "Content-Encoding", value: "gzip")
            headers.add(name: "Vary", value: "Accept-Encoding")
        }
        if status.allowsBody { headers.replaceOrAdd(name: "Content-Length", value: String(body.count)) }
        connection.enqueue(Self.encodeHead(status, headers, keepAlive: keepAlive, version: head.version))
        if sendsBody { connection.enqueue(body) }
        try connection.writeQueued()
        return (sendsBody ? Int64(body.count) : 0, keepAlive)
    }

    private func sendHead(
        _ status: HTTPStatus,
        _ headers: HTTPHeaders,
        keepAlive: Bool,
        version: HTTPVersion
    ) throws {
        connection.enqueue(Self.encodeHead(status, headers, keepAlive: keepAlive, version: version))
        try connection.writeQueued()
    }

    /// The status line and header block of a response.
    static func encodeHead(_ status: HTTPStatus, _ headers: HTTPHeaders, keepAlive: Bool, version: HTTPVersion)
        -> [UInt8]
    {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(256)
        bytes += "HTTP/1.1 ".utf8
        bytes += String(status.code).utf8
        bytes.append(UInt8(ascii: " "))
        bytes += status.reasonPhrase.utf8
        bytes += "\r\n".utf8
        for field in headers where !HTTPHeaders.namesEqual(field.name, "Connection") {
            bytes += field.name.utf8
            bytes += ": ".utf8
            bytes += field.value.utf8
            bytes += "\r\n".utf8
        }
        if !keepAlive {
            bytes += "Connection: close\r\n".utf8
        } else if version.minor == 0 {
            bytes += "Connection: keep-alive\r\n".utf8
        }
        bytes += "\r\n".utf8
        return bytes
    }

    /// Whether `Accept-Encoding` allows gzip (a `q=0` refuses it).
    static func acceptsGzip(_ headers: HTTPHeaders) -> Bool {
        for element in headers.listValues(of: "Accept-Encoding") {
            let parts = element.split(separator: ";").map { $0.trimmingHTTPWhitespace() }
            guard let coding = parts.first, HTTPHeaders.namesEqual(coding, "gzip") || coding == "*" else { continue }
            let refused = parts.dropFirst().contains { parameter in
                let pair = parameter.split(separator: "=").map { $0.trimmingHTTPWhitespace().lowercased() }
                return pair.count == 2 && pair[0] == "q" && (Double(pair[1]) ?? 1) == 0
            }
            return !refused
        }
        return false
    }
}

/// The writer a `.stream` body writes into: buffers, optionally gzips, and frames as chunks. Chunks are queued on
/// the connection until more than `ResponseWriter.streamBufferLimit` bytes wait there; later chunks go to a
/// `StreamSpillFile`, queued as a file region when the stream ends, so the producer does not wait for the client
/// and epoll finishes the response. If no spill file can be had (the process-wide spill budget is used up, or no
/// temporary file can be created), the producer waits for the client while more than the limit is queued.
final class StreamingBodyWriter: HTTPBodyWriter {
    private let connection: Connection
    private var pendingHead: [UInt8]
    private let chunked: Bool
    private let compressor: GzipCompressor?
    private let timeout: Double
    private var buffer: [UInt8] = []
    private var spill: StreamSpillFile?
    /// Set once spilling failed for this stream: from then on the producer waits for the client.
    private var waitsForClient = false
    private let flushThreshold = 32 * 1024
    private(set) var bytesSent: Int64 = 0

    init(connection: Connection, pendingHead: [UInt8], chunked: Bool, compressor: GzipCompressor?, timeout: Double) {
        self.connection = connection
        self.pendingHead = pendingHead
        self.chunked = chunked
        self.compressor = compressor
        self.timeout = timeout
        buffer.reserveCapacity(flushThreshold + 1024)
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        if let compressor {
            compressor.compress(bytes, finish: false, into: &buffer)
        } else {
            buffer.append(contentsOf: bytes)
        }
        if buffer.count >= flushThreshold { try flush(final: false) }
    }

    /// A large array is queued as one chunk after what is buffered, instead of being copied into the buffer: as it
    /// is when it holds little more room than it uses, else copied once to an array of its size (the queue keeps
    /// what it holds until the client has read it, and counts bytes, not room).
    func write(_ bytes: [UInt8]) throws {
        guard compressor == nil, bytes.count >= flushThreshold else {
            try bytes.withUnsafeBytes { try write($0) }
            return
        }
        if !buffer.isEmpty { try flush(final: false) }
        try send(
            bytes.capacity <= bytes.count + bytes.count / 8 ? bytes : bytes.withUnsafeBufferPointer(Array.init),
            final: false
        )
    }

    func finish() throws {
        if let compressor {
            compressor.compress(UnsafeRawBufferPointer(start: nil, count: 0), finish: true, into: &buffer)
        }
        try flush(final: true)
    }

    private func flush(final: Bool) throws {
        var body: [UInt8] = []
        swap(&body, &buffer)
        buffer.reserveCapacity(flushThreshold + 1024)
        try send(body, final: final)
    }

    /// Queues `body` as one chunk (framed when chunked), after the response head if it was not sent yet.
    private func send(_ body: [UInt8], final: Bool) throws {
        var prefix = pendingHead
        pendingHead = []
        var suffix: [UInt8] = []
        if chunked {
            if !body.isEmpty {
                prefix += Array((String(body.count, radix: 16) + "\r\n").utf8)
                suffix = [.cr, .lf]
            }
            if final { suffix += Array("0\r\n\r\n".utf8) }
        }
        bytesSent += Int64(body.count)
        try queue([prefix, body, suffix])
        if final {
            if let spill { connection.enqueue(spill: spill) }
            spill = nil
            try connection.writeQueued()
        }
    }

    /// Queues the pieces of one framed chunk: in memory while the queue is under the limit, then in the spill file.
    private func queue(_ pieces: [[UInt8]]) throws {
        if let spill {
            // One append, so a chunk is either all in the file or all in memory.
            var chunk: [UInt8] = []
            chunk.reserveCapacity(pieces.reduce(0) { $0 + $1.count })
            for piece in pieces { chunk.append(contentsOf: piece) }
            if try spill.append(chunk) { return }
            connection.enqueue(spill: spill)
            self.spill = nil
            waitsForClient = true
        }
        for piece in pieces { connection.enqueue(piece) }
        if waitsForClient {
            try connection.writeQueued(keepingAtMost: ResponseWriter.streamBufferLimit, timeout: timeout)
        } else if try connection.writeQueued(), connection.queuedBytes > ResponseWriter.streamBufferLimit {
            spill = StreamSpillFile.create()
            waitsForClient = spill == nil
        }
    }
}

extension UInt8 {
    fileprivate static let cr: UInt8 = 0x0D
    fileprivate static let lf: UInt8 = 0x0A
}
