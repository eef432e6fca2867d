import HTTPWire

/// Streams a request body from its connection: undoes chunked framing and gzip coding, enforces the body-size
/// limit, and sends `100 Continue` the first time the handler asks for bytes (RFC 9110 §10.1.1). Each wait for
/// bytes lasts at most `bodyReadTimeout`, and the whole body must keep up `minimumBodyRate` after the first
/// `bodyReadTimeout` (`HTTPBodyError.timedOut`, 408), so a trickling client cannot hold its worker for long.
///
/// Bytes after the body stay in the connection buffer for the next pipelined request.
final class ConnectionBodyReader: HTTPBodyReader {
    private let connection: Connection
    private let configuration: ServerConfiguration
    private let framing: HTTPBodyFraming
    private var remainingLength: Int64
    private var chunkedDecoder: ChunkedBodyDecoder?
    private var decompressor: GzipDecompressor?
    private var compressed: [UInt8] = []
    private var compressedStart = 0
    private var compressedEnd = 0
    private var framedBodyEnded = false
    private var expectsContinue: Bool
    private var continueSent = false
    private(set) var produced: Int64 = 0
    /// Framed bytes taken from the connection, for the minimum rate.
    private var received: Int64 = 0
    /// When the first framed byte was asked for.
    private var readingSince: Double?
    private(set) var failed = false

    init(head: HTTPRequestHead, connection: Connection, configuration: ServerConfiguration) throws {
        self.connection = connection
        self.configuration = configuration
        self.framing = head.bodyFraming
        self.expectsContinue = head.expectsContinue
        switch head.bodyFraming {
        case .contentLength(let length): remainingLength = length
        case .chunked:
            remainingLength = 0
            chunkedDecoder = ChunkedBodyDecoder(limits: configuration.limits)
        case .none: remainingLength = 0
        }
        if head.bodyIsGzipped, head.bodyFraming != .none {
            decompressor = try GzipDecompressor()
            compressed = [UInt8](repeating: 0, count: 64 * 1024)
        }
    }

    /// Whether the client was told to go ahead, or never had to wait.
    var clientWillSendBody: Bool { !expectsContinue || continueSent }

    /// Whether the framed body has been read to its end (or there was none).
    var isComplete: Bool {
        switch framing {
        case .none: true
        case .contentLength: remainingLength == 0
        case .chunked: chunkedDecoder?.isComplete ?? true
        }
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard !buffer.isEmpty else { return 0 }
        do {
            let count = try decompressor == nil ? readFramed(into: buffer) : readDecompressed(into: buffer)
            produced += Int64(count)
            if produced > configuration.limits.maxBodySize { throw HTTPBodyError.invalid(.bodyTooLarge) }
            return count
        } catch {
            failed = true
            throw error
        }
    }

    /// Reads and discards the rest of the body if it is at most `limit` bytes; returns whether the body ended.
    func discardRemainder(limit: Int64) -> Bool {
        guard !failed, clientWillSendBody else { return isComplete }
        var scratch = [UInt8](repeating: 0, count: 16 * 1024)
        var discarded: Int64 = 0
        while !isComplete, discarded <= limit {
            guard let count = try? scratch.withUnsafeMutableBytes({ try readFramed(into: $0) }), count > 0 else {
                break
            }
            discarded += Int64(count)
        }
        return isComplete
    }

    private func readDecompressed(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let decompressor else { return 0 }
        while true {
            if compressedStart == compressedEnd, !framedBodyEnded {
                compressedStart = 0
                compressedEnd = try compressed.withUnsafeMutableBytes { try readFramed(into: $0) }
                if compressedEnd == 0 { framedBodyEnded = true }
            }
            if compressedStart == compressedEnd, framedBodyEnded {
                guard decompressor.isFinished else { throw HTTPBodyError.invalid(.malformedContentEncoding) }
                return 0
            }
            let (consumed, count): (Int, Int)
            do {
                (consumed, count) = try compressed.withUnsafeBytes { raw in
                    try decompressor.decompress(
                        UnsafeRawBufferPointer(rebasing: raw[compressedStart..<compressedEnd]),
                        into: buffer
                    )
                }
            } catch {
                throw HTTPBodyError.invalid(.malformedContentEncoding)
            }
            compressedStart += consumed
            if count > 0 { return count }
            if consumed == 0, decompressor.isFinished, compressedStart < compressedEnd {
                throw HTTPBodyError.invalid(.malformedContentEncoding)
            }
        }
    }

    private func readFramed(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if !isComplete { try sendContinueIfNeeded() }
        if readingSince == nil { readingSince = monotonicSeconds() }
        switch framing {
        case .none:
            return 0
        case .contentLength:
            guard remainingLength > 0 else { return 0 }
            let wanted = UnsafeMutableRawBufferPointer(
                rebasing: buffer[0..<Int(min(Int64(buffer.count), remainingLength))]
            )
            var count = connection.takeBuffered(into: wanted)
            if count == 0 { count = try connection.receiveDirect(into: wanted, timeout: try nextWaitLimit()) }
            remainingLength -= Int64(count)
            received += Int64(count)
            return count
        case .chunked:
            return try readChunked(into: buffer)
        }
    }

    private func readChunked(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard var decoder = chunkedDecoder else { return 0 }
        defer { chunkedDecoder = decoder }
        while !decoder.isComplete {
            if connection.buffered > 0 {
                let result: Result<(consumed: Int, produced: Int), HTTPParseError> = connection.withBuffered { raw in
                    Result { () throws(HTTPParseError) in try decoder.decode(raw, into: buffer) }
                }
                let (consumed, count) = try result.mapError(HTTPBodyError.invalid).get()
                connection.consume(consumed)
                received += Int64(consumed)
                if count > 0 { return count }
                if decoder.isComplete { break }
            }
            try connection.receiveBlocking(
                limit: configuration.limits.maxChunkMetadataLength + 64 * 1024,
                timeout: try nextWaitLimit()
            )
        }
        return 0
    }

    /// How long the next wait for body bytes may last: `bodyReadTimeout`, but no longer than the body's deadline
    /// (`bodyReadTimeout` after reading began plus one second per `minimumBodyRate` bytes received).
    private func nextWaitLimit() throws -> Double {
        let rate = configuration.minimumBodyRate
        guard rate > 0 else { return configuration.bodyReadTimeout }
        let now = monotonicSeconds()
        let deadline = (readingSince ?? now) + configuration.bodyReadTimeout + Double(received) / Double(rate)
        guard deadline - now >= 0.001 else { throw HTTPBodyError.timedOut }
        return min(configuration.bodyReadTimeout, deadline - now)
    }

    private func sendContinueIfNeeded() throws {
        guard expectsContinue, !continueSent else { return }
        continueSent = true
        connection.enqueue(Array("HTTP/1.1 100 Continue\r\n\r\n".utf8))
        try connection.writeQueued(keepingAtMost: 0, timeout: configuration.writeTimeout)
    }
}
