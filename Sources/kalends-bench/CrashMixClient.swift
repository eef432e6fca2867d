import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One response as the crash-mix harness needs it: status, lower-cased head and the de-chunked body.
struct MixResponse {
    var status: Int
    var head: String
    var body: [UInt8]

    /// The value of a header (name lower-case), trimmed; nil when absent.
    func header(_ name: String) -> String? {
        for line in head.split(separator: "\r\n") where line.hasPrefix(name + ":") {
            return line.dropFirst(name.count + 1).trimmingCharacters(in: .whitespaces)
        }
        return nil
    }

    /// The body as UTF-8 text.
    var text: String { String(decoding: body, as: UTF8.self) }
}

/// A blocking keep-alive client reading whole responses (Content-Length or chunked), with a receive timeout so a
/// thread never hangs on a killed server.
final class MixClient {
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private let authorization: String

    init(port: UInt16, authorization: String) throws {
        descriptor = try LoopbackSocket.connect(port: port)
        self.authorization = authorization
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(descriptor) }

    /// Sends one request and reads its response; throws when the connection fails.
    func send(_ method: String, _ path: String, headers: [String] = [], body: [UInt8] = []) throws -> MixResponse {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: \(authorization)\r\n"
        for header in headers { head += header + "\r\n" }
        head += "Content-Length: \(body.count)\r\n\r\n"
        let bytes = Array(head.utf8) + body
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes {
                Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            guard sent > 0 else { throw BenchError("send failed") }
            offset += sent
        }
        return try readResponse(bodyless: method == "HEAD")
    }

    private func readResponse(bodyless: Bool) throws -> MixResponse {
        let headEnd = try find(Array("\r\n\r\n".utf8), from: 0)
        let head = String(decoding: buffer[0..<headEnd], as: UTF8.self).lowercased()
        buffer.removeFirst(headEnd + 4)
        let status = Int(head.dropFirst(9).prefix(3)) ?? 0
        var response = MixResponse(status: status, head: head, body: [])
        if bodyless || status == 204 || status == 304 { return response }
        if let length = response.header("content-length").flatMap(Int.init) {
            while buffer.count < length { try fill() }
            response.body = Array(buffer[0..<length])
            buffer.removeFirst(length)
        } else if response.header("transfer-encoding") == "chunked" {
            while true {
                let lineEnd = try find(Array("\r\n".utf8), from: 0)
                let line = String(decoding: buffer[0..<lineEnd], as: UTF8.self)
                let size = Int(line.prefix { $0 != ";" }, radix: 16) ?? 0
                buffer.removeFirst(lineEnd + 2)
                if size == 0 {
                    _ = try find(Array("\r\n".utf8), from: 0)
                    buffer.removeFirst(2)
                    break
                }
                while buffer.count < size + 2 { try fill() }
                response.body += buffer[0..<size]
                buffer.removeFirst(size + 2)
            }
        }
        return response
    }

    private func find(_ marker: [UInt8], from start: Int) throws -> Int {
        var searchFrom = start
        while true {
            if buffer.count >= marker.count {
                for index in searchFrom...(buffer.count - marker.count)
                where buffer[index..<(index + marker.count)].elementsEqual(marker) {
                    return index
                }
                searchFrom = max(0, buffer.count - marker.count + 1)
            }
            try fill()
        }
    }

    private func fill() throws {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { throw BenchError("connection closed") }
        buffer += chunk[0..<count]
    }
}
