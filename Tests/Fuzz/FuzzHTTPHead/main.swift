// libFuzzer entry point for the HTTP/1.1 request-head parser (RFC 9112 §2–§6).
// Input: byte 0 picks a split point, the rest is the wire. The head is fed whole and then in two pieces (as it
// arrives from a socket); both must agree. Every HTTPParseError is fine; a crash, a sanitizer report, a
// disagreement or a consumed count past the buffer is a finding.
import HTTPWire

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTTPHead(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 1 else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let limits = HTTPLimits(maxRequestLineLength: 512, maxHeaderBlockSize: 2048, maxHeaderCount: 16)
    let whole = outcome(bytes, split: nil, limits: limits)
    let split = bytes.isEmpty ? 0 : Int(data[0]) % (bytes.count + 1)
    let pieces = outcome(bytes, split: split, limits: limits)
    if whole != pieces { fatalError("whole \(whole) vs split at \(split) \(pieces)") }
    return 0
}

/// A comparable summary of one parse: the head's fields and the bytes used, an error, or "need more".
private func outcome(_ bytes: [UInt8], split: Int?, limits: HTTPLimits) -> String {
    var parser = HTTPRequestHeadParser(limits: limits)
    do {
        if let split {
            let first = try bytes.prefix(split).withUnsafeBytes { buffer throws(HTTPParseError) in
                try parser.parse(buffer)
            }
            if let first { return describe(first, total: split) }
        }
        let result = try bytes.withUnsafeBytes { buffer throws(HTTPParseError) in try parser.parse(buffer) }
        guard let result else { return "incomplete" }
        return describe(result, total: bytes.count)
    } catch {
        // Which limit trips first may differ with the split (414 vs 431); that the head is refused may not.
        return "error"
    }
}

private func describe(_ result: (HTTPRequestHead, Int), total: Int) -> String {
    let (head, consumed) = result
    if consumed > total || consumed <= 0 { fatalError("consumed \(consumed) of \(total)") }
    let headers = head.headers.map { "\($0.name): \($0.value)" }.joined(separator: "|")
    return "\(head.method) \(head.target) \(head.version) [\(headers)] \(head.bodyFraming) "
        + "\(head.keepAlive) \(head.expectsContinue) \(head.bodyIsGzipped) \(consumed)"
}
