import CZlib

/// Errors from the gzip codec.
public enum GzipError: Error, Sendable, Equatable {
    /// zlib refused to start (out of memory).
    case initializationFailed
    /// The compressed data is corrupt or truncated.
    case corruptData
}

/// gzip (RFC 1952) compression of response bodies through zlib, whole-buffer and streaming.
public final class GzipCompressor {
    private var stream = z_stream()
    private var finished = false

    /// Starts a gzip stream at `level` (zlib's 1–9; 6 balances speed and size).
    public init(level: Int32 = 6) throws {
        let status = deflateInit2_(
            &stream,
            level,
            Z_DEFLATED,
            15 + 16,
            8,
            Z_DEFAULT_STRATEGY,
            zlibVersion(),
            Int32(MemoryLayout<z_stream>.size)
        )
        guard status == Z_OK else { throw GzipError.initializationFailed }
    }

    deinit { deflateEnd(&stream) }

    /// Compresses `input` and appends the output produced so far to `output`; `finish` ends the stream.
    public func compress(_ input: UnsafeRawBufferPointer, finish: Bool, into output: inout [UInt8]) {
        guard !finished else { return }
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        let flush = finish ? Z_FINISH : Z_NO_FLUSH
        stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
        stream.avail_in = uInt(input.count)
        repeat {
            let produced = chunk.withUnsafeMutableBytes { buffer -> Int in
                stream.next_out = buffer.baseAddress?.assumingMemoryBound(to: Bytef.self)
                stream.avail_out = uInt(buffer.count)
                deflate(&stream, flush)
                return buffer.count - Int(stream.avail_out)
            }
            output.append(contentsOf: chunk[0..<produced])
        } while stream.avail_out == 0
        stream.next_in = nil
        if finish { finished = true }
    }

    /// Compresses a whole buffer into a gzip member.
    public static func compress(_ bytes: [UInt8], level: Int32 = 6) throws -> [UInt8] {
        let compressor = try GzipCompressor(level: level)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count / 3 + 64)
        bytes.withUnsafeBytes { compressor.compress($0, finish: true, into: &output) }
        return output
    }
}

/// Streaming gzip decompression of request bodies (`Content-Encoding: gzip`); concatenated members are accepted.
public final class GzipDecompressor {
    private var stream = z_stream()
    private var ended = false

    /// Starts a decoder that accepts gzip (and, leniently, zlib) framing.
    public init() throws {
        let status = inflateInit2_(&stream, 15 + 32, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw GzipError.initializationFailed }
    }

    deinit { inflateEnd(&stream) }

    /// Whether the compressed stream has ended.
    public var isFinished: Bool { ended }

    /// Decompresses from `input` into `output`.
    ///
    /// - Returns: input bytes consumed and output bytes produced.
    /// - Throws: `GzipError.corruptData` when the stream is invalid.
    public func decompress(
        _ input: UnsafeRawBufferPointer,
        into output: UnsafeMutableRawBufferPointer
    ) throws -> (consumed: Int, produced: Int) {
        if ended {
            // A new member may follow the previous one.
            guard !input.isEmpty else { return (0, 0) }
            inflateReset(&stream)
            ended = false
        }
        stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
        stream.avail_in = uInt(input.count)
        stream.next_out = output.baseAddress?.assumingMemoryBound(to: Bytef.self)
        stream.avail_out = uInt(output.count)
        let status = inflate(&stream, Z_NO_FLUSH)
        let consumed = input.count - Int(stream.avail_in)
        let produced = output.count - Int(stream.avail_out)
        stream.next_in = nil
        stream.next_out = nil
        switch status {
        case Z_STREAM_END:
            ended = true
        case Z_OK, Z_BUF_ERROR:
            break
        default:
            throw GzipError.corruptData
        }
        return (consumed, produced)
    }
}
