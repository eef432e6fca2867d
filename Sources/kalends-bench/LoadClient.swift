import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A blocking keep-alive HTTP client for load generation: one request in flight per connection.
final class LoadClient {
    private let descriptor: Int32
    private var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    private var buffered = 0

    init(port: UInt16) throws {
        descriptor = try LoopbackSocket.connect(port: port)
    }

    deinit { close(descriptor) }

    /// Sends the request and reads one response with a Content-Length body; returns the status.
    func roundTrip(_ request: [UInt8]) throws -> Int {
        try roundTripHead(request).status
    }

    /// Like `roundTrip`, also returning the lower-cased head. HEAD responses must carry no Content-Length body.
    func roundTripHead(_ request: [UInt8]) throws -> (status: Int, head: String) {
        let isHead = request.starts(with: Array("HEAD ".utf8))
        let sent = request.withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        guard sent == request.count else { throw BenchError("send failed") }
        while true {
            if let (status, length, head) = parseResponse(bodyless: isHead) {
                let remaining = buffered - length
                if remaining > 0 {
                    buffer.withUnsafeMutableBytes { raw in
                        guard let base = raw.baseAddress else { return }
                        memmove(base, base + length, remaining)
                    }
                }
                buffered = remaining
                return (status, head)
            }
            let count = buffer.withUnsafeMutableBytes { raw -> Int in
                guard let base = raw.baseAddress else { return -1 }
                return recv(descriptor, base + buffered, raw.count - buffered, 0)
            }
            guard count > 0 else { throw BenchError("connection closed") }
            buffered += count
        }
    }

    /// Status and total response length once a whole response is buffered.
    private func parseResponse(bodyless: Bool) -> (Int, Int, String)? {
        guard buffered >= 16 else { return nil }
        return buffer.withUnsafeBytes { raw -> (Int, Int, String)? in
            let bytes = raw.bindMemory(to: UInt8.self)
            var headEnd = -1
            var index = 3
            while index < buffered {
                if bytes[index] == 10, bytes[index - 1] == 13, bytes[index - 2] == 10, bytes[index - 3] == 13 {
                    headEnd = index + 1
                    break
                }
                index += 1
            }
            guard headEnd > 0 else { return nil }
            let head = String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<headEnd]), as: UTF8.self).lowercased()
            let status = Int(head.dropFirst(9).prefix(3)) ?? 0
            var length = 0
            if !bodyless, let range = head.range(of: "content-length:") {
                length =
                    Int(
                        head[range.upperBound...].prefix { $0 != "\r\n" && $0 != "\r" }.trimmingCharacters(
                            in: .whitespaces
                        )
                    ) ?? 0
            }
            guard buffered >= headEnd + length else { return nil }
            return (status, headEnd + length, head)
        }
    }
}

/// Idle connections for the memory measurement.
final class IdleConnection {
    let descriptor: Int32

    init(port: UInt16) {
        descriptor = (try? LoopbackSocket.connect(port: port)) ?? -1
    }

    deinit { close(descriptor) }
}
