// libFuzzer entry point for the chunked transfer-coding decoder (RFC 9112 §7.1).
// Input: byte 0 picks the input piece size, byte 1 the output buffer size, the rest is the coded body. The body
// is decoded in one pass with a large buffer and again in small pieces into a small buffer; both must produce
// the same bytes, consume the same count and agree on completion. Produced bytes never exceed consumed ones.
import HTTPWire

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzChunked(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 2 else { return 0 }
    let input = Array(UnsafeBufferPointer(start: data + 2, count: size - 2))
    let limits = HTTPLimits(maxChunkMetadataLength: 64)
    let whole = decode(input, piece: max(input.count, 1), output: input.count + 1, limits: limits)
    let pieces = decode(input, piece: Int(data[0]) % 17 + 1, output: Int(data[1]) % 13 + 1, limits: limits)
    if whole.error != pieces.error || (whole.error == nil && whole != pieces) {
        fatalError("whole \(whole) vs pieces \(pieces)")
    }
    return 0
}

private struct Outcome: Equatable {
    var body: [UInt8] = []
    var consumed = 0
    var complete = false
    var error: Bool? = nil
}

/// Feeds `input` in pieces of `piece` bytes into an output buffer of `output` bytes until done or stuck.
private func decode(_ input: [UInt8], piece: Int, output: Int, limits: HTTPLimits) -> Outcome {
    var decoder = ChunkedBodyDecoder(limits: limits)
    var result = Outcome()
    var buffer = [UInt8](repeating: 0, count: output)
    while result.consumed < input.count, !decoder.isComplete {
        let end = min(input.count, result.consumed + piece)
        let step: Result<(consumed: Int, produced: Int), HTTPParseError> = input[result.consumed..<end]
            .withUnsafeBytes { source in
                buffer.withUnsafeMutableBytes { target in
                    Result { () throws(HTTPParseError) in try decoder.decode(source, into: target) }
                }
            }
        guard case .success(let (consumed, produced)) = step else {
            result.error = true
            return result
        }
        if consumed > end - result.consumed || produced > output || produced > consumed {
            fatalError("consumed \(consumed) produced \(produced) of \(end - result.consumed) into \(output)")
        }
        result.body += buffer[0..<produced]
        result.consumed += consumed
        if consumed == 0 { break }
    }
    result.complete = decoder.isComplete
    result.error = nil
    return result
}
