/// Errors a body stream reports to the handler reading or writing it.
public enum HTTPBodyError: Error, Sendable, Equatable {
    /// The request body is malformed or exceeds a limit; the status to answer.
    case invalid(HTTPParseError)
    /// The client did not send body bytes in time (408).
    case timedOut
    /// The peer closed or reset the connection.
    case connectionClosed
}

/// A request body delivered as a stream, so large uploads never sit in memory.
///
/// Implementations decode chunked framing and gzip content coding and enforce `HTTPLimits.maxBodySize`.
public protocol HTTPBodyReader: AnyObject {
    /// Fills `buffer` with the next body bytes and returns how many; 0 means the body has ended.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

extension HTTPBodyReader {
    /// Reads the whole body, refusing more than `limit` bytes with `HTTPParseError.bodyTooLarge`.
    /// For bodies a handler must parse (XML, iCalendar), never for file uploads.
    public func readAll(limit: Int) throws -> [UInt8] {
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = try chunk.withUnsafeMutableBytes { try read(into: $0) }
            if count == 0 { return result }
            guard result.count + count <= limit else { throw HTTPBodyError.invalid(.bodyTooLarge) }
            result.append(contentsOf: chunk[0..<count])
        }
    }
}

/// A body reader over bytes already in memory; used for empty bodies and in tests.
public final class BufferedBodyReader: HTTPBodyReader {
    private let bytes: [UInt8]
    private var position = 0

    /// Creates a reader that yields `bytes` then ends.
    public init(_ bytes: [UInt8] = []) { self.bytes = bytes }

    /// Copies the next bytes.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = min(buffer.count, bytes.count - position)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes { source in
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[position..<(position + count)]))
        }
        position += count
        return count
    }
}

/// Where a streamed response body goes; the server frames it (chunked or by length) and may gzip it.
public protocol HTTPBodyWriter: AnyObject {
    /// Sends these bytes; throws `HTTPBodyError.connectionClosed` when the client has gone away.
    func write(_ bytes: UnsafeRawBufferPointer) throws

    /// Sends a byte array, which a writer may keep until it is sent rather than copy it.
    func write(_ bytes: [UInt8]) throws
}

extension HTTPBodyWriter {
    /// Sends a byte array by copying its bytes.
    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    /// Sends a string as UTF-8.
    public func write(_ text: String) throws {
        var text = text
        try text.withUTF8 { try write(UnsafeRawBufferPointer($0)) }
    }
}
