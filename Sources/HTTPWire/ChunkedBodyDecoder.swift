/// An incremental decoder for the chunked transfer coding (RFC 9112 §7.1).
///
/// Chunk extensions are ignored, trailer fields are read and discarded; both are bounded by
/// `HTTPLimits.maxChunkMetadataLength`. The decoder never buffers chunk data: it copies from input to output.
public struct ChunkedBodyDecoder: Sendable {
    private enum State: Sendable {
        case size(value: UInt64, digits: Int, inExtension: Bool)
        case data(remaining: UInt64)
        case dataCR
        case dataLF
        case trailerLineStart
        case trailerLine
        case finalLF
        case done
    }

    private var state: State = .size(value: 0, digits: 0, inExtension: false)
    private var metadataLength = 0
    private let maxMetadataLength: Int

    /// Creates a decoder bounded by these limits.
    public init(limits: HTTPLimits) {
        self.maxMetadataLength = limits.maxChunkMetadataLength
    }

    /// Whether the last chunk and the trailer section have been read.
    public var isComplete: Bool {
        if case .done = state { return true }
        return false
    }

    /// Decodes as much of `input` as fits into `output`.
    ///
    /// - Returns: how many input bytes were consumed and how many body bytes were produced. Stops at the end of
    ///   the body; bytes after it belong to the next request.
    /// - Throws: `HTTPParseError.malformedChunkedBody` on any syntax error or oversized metadata.
    public mutating func decode(
        _ input: UnsafeRawBufferPointer,
        into output: UnsafeMutableRawBufferPointer
    ) throws(HTTPParseError) -> (consumed: Int, produced: Int) {
        var consumed = 0
        var produced = 0
        while consumed < input.count {
            if case .data(let remaining) = state {
                let count = Int(min(remaining, UInt64(input.count - consumed), UInt64(output.count - produced)))
                if count == 0 { break }
                if let target = output.baseAddress, let source = input.baseAddress {
                    (target + produced).copyMemory(from: source + consumed, byteCount: count)
                }
                consumed += count
                produced += count
                state = remaining == UInt64(count) ? .dataCR : .data(remaining: remaining - UInt64(count))
                continue
            }
            if case .done = state { break }
            try step(input[consumed])
            consumed += 1
        }
        return (consumed, produced)
    }

    private mutating func step(_ byte: UInt8) throws(HTTPParseError) {
        switch state {
        case .size(let value, let digits, let inExtension):
            try countMetadata()
            if byte == .lf {
                guard digits > 0 else { throw .malformedChunkedBody }
                metadataLength = 0
                state = value == 0 ? .trailerLineStart : .data(remaining: value)
            } else if inExtension || byte == .cr {
                state = .size(value: value, digits: digits, inExtension: true)
            } else if let digit = byte.hexDigitValue, !inExtension {
                guard digits < 15 else { throw .malformedChunkedBody }
                state = .size(value: value << 4 | UInt64(digit), digits: digits + 1, inExtension: false)
            } else if (byte == UInt8(ascii: ";") || byte == .space || byte == .tab) && digits > 0 {
                state = .size(value: value, digits: digits, inExtension: true)
            } else {
                throw .malformedChunkedBody
            }
        case .dataCR:
            if byte == .cr {
                state = .dataLF
            } else if byte == .lf {
                state = .size(value: 0, digits: 0, inExtension: false)
            } else {
                throw .malformedChunkedBody
            }
        case .dataLF:
            guard byte == .lf else { throw .malformedChunkedBody }
            state = .size(value: 0, digits: 0, inExtension: false)
        case .trailerLineStart:
            try countMetadata()
            if byte == .lf {
                state = .done
            } else if byte == .cr {
                state = .finalLF
            } else {
                state = .trailerLine
            }
        case .trailerLine:
            try countMetadata()
            if byte == .lf { state = .trailerLineStart }
        case .finalLF:
            guard byte == .lf else { throw .malformedChunkedBody }
            state = .done
        case .data, .done:
            break
        }
    }

    private mutating func countMetadata() throws(HTTPParseError) {
        metadataLength += 1
        if metadataLength > maxMetadataLength { throw .malformedChunkedBody }
    }
}

extension UInt8 {
    var hexDigitValue: UInt8? {
        switch self {
        case 0x30...0x39: self - 0x30
        case 0x41...0x46: self - 0x41 + 10
        case 0x61...0x66: self - 0x61 + 10
        default: nil
        }
    }
}
