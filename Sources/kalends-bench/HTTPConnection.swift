import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One HTTP response as read by `HTTPConnection`: its head as received, and `body` de-chunked (empty when the
/// caller asked to discard it; `bodyBytes` still counts it).
///
/// The head is kept as bytes and a field is looked up only when asked for: the client shares the cores with the
/// server it measures, so it must cost little per response (splitting every head into lower-cased `String` fields
/// was a sixth of the client's time on small GETs).
struct HTTPReply {
    var status: Int
    var body: [UInt8]
    var bodyBytes: Int
    private let head: [UInt8]

    /// Reads the status code of `head`, the bytes up to and including the blank line.
    init(head: [UInt8]) {
        self.head = head
        var code = 0
        if head.count >= 12 {
            for byte in head[9..<12] where (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                code = code * 10 + Int(byte - UInt8(ascii: "0"))
            }
        }
        status = code
        body = []
        bodyBytes = 0
    }

    /// Whether the status line names HTTP/1.0.
    var isHTTP10: Bool { head.starts(with: Array("HTTP/1.0".utf8)) }

    /// The body as text.
    var text: String { String(decoding: body, as: UTF8.self) }

    /// The value of the first response header called `name` (given in lower case), lower-cased and without
    /// surrounding blanks, or nil.
    func header(_ name: String) -> String? {
        let wanted = Array(name.utf8)
        guard var lineStart = head.firstIndex(of: UInt8(ascii: "\n")).map({ $0 + 1 }) else { return nil }
        while lineStart < head.count {
            let lineEnd = head[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? head.count
            let colon = lineStart + wanted.count
            if colon < lineEnd, head[colon] == UInt8(ascii: ":"),
                zip(head[lineStart..<colon], wanted).allSatisfy({ Self.lowercased($0) == $1 })
            {
                var value = head[(colon + 1)..<lineEnd]
                while let first = value.first, first == 32 || first == 9 { value = value.dropFirst() }
                while let last = value.last, last == 32 || last == 9 || last == 13 { value = value.dropLast() }
                return String(decoding: value.map(Self.lowercased), as: UTF8.self)
            }
            lineStart = lineEnd + 1
        }
        return nil
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
    }
}

/// A request to send: method, path, extra headers and body. `bytes(authorization:)` frames it with Host,
/// Authorization and Content-Length.
struct HTTPRequestSpec {
    var method: String
    var path: String
    var headers: [(String, String)] = []
    var body: [UInt8] = []

    /// The request on the wire.
    func bytes(authorization: String?) -> [UInt8] {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        if let authorization { head += "Authorization: \(authorization)\r\n" }
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        let framed = headers.contains { $0.0.lowercased() == "content-length" }
        if !framed, !body.isEmpty || ["PUT", "POST", "PROPFIND", "REPORT"].contains(method) {
            head += "Content-Length: \(body.count)\r\n"
        }
        return Array((head + "\r\n").utf8) + body
    }
}

/// A blocking keep-alive HTTP/1.1 client that reads whole responses (Content-Length, chunked, or until close),
/// unlike `LoadClient`, which needs Content-Length. It reconnects when the server closed the connection — the
/// Python peers close after some responses — and retries a request once if a reused connection was found closed.
final class HTTPConnection {
    private let port: UInt16
    private var descriptor: Int32 = -1
    private var buffer: [UInt8] = []
    private var start = 0
    private var scratch = [UInt8](repeating: 0, count: 256 * 1024)

    init(port: UInt16) {
        self.port = port
    }

    deinit { disconnect() }

    /// Sends `request` and reads the response. With `discardBody` the body bytes are counted, not kept.
    func send(_ request: [UInt8], discardBody: Bool = false) throws -> HTTPReply {
        let reused = descriptor >= 0
        do {
            return try exchange(request, discardBody: discardBody)
        } catch {
            disconnect()
            guard reused else { throw error }
            return try exchange(request, discardBody: discardBody)
        }
    }

    private func exchange(_ request: [UInt8], discardBody: Bool) throws -> HTTPReply {
        if descriptor < 0 {
            descriptor = try LoopbackSocket.connect(port: port)
            buffer.removeAll(keepingCapacity: true)
            start = 0
        }
        var offset = 0
        while offset < request.count {
            let count = request[offset...].withUnsafeBytes {
                Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            guard count > 0 else { throw BenchError("send failed") }
            offset += count
        }
        let reply = HTTPReply(head: try readHead())
        let status = reply.status
        let connection = reply.header("connection")
        let closes = connection == "close" || (reply.isHTTP10 && connection != "keep-alive")
        let bodyless = request.starts(with: Array("HEAD ".utf8)) || status == 204 || status == 304 || status < 200
        var result = reply
        if bodyless {
            // Nothing to read.
        } else if reply.header("transfer-encoding")?.contains("chunked") == true {
            try readChunked(into: &result, discard: discardBody)
        } else if let length = reply.header("content-length").flatMap({ Int($0) }) {
            try readBody(length: length, into: &result, discard: discardBody)
        } else {
            try readToClose(into: &result, discard: discardBody)
        }
        if closes { disconnect() }
        return result
    }

    private func disconnect() {
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
    }

    /// Receives more bytes into the buffer; throws when the peer closed.
    private func fill() throws {
        if start > 0, start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            start = 0
        } else if start > 1 << 20 {
            buffer.removeFirst(start)
            start = 0
        }
        let count = scratch.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { throw BenchError("connection closed") }
        buffer.append(contentsOf: scratch[0..<count])
    }

    private func readHead() throws -> [UInt8] {
        while true {
            var index = start + 3
            while index < buffer.count {
                if buffer[index] == 10, buffer[index - 1] == 13, buffer[index - 2] == 10, buffer[index - 3] == 13 {
                    let head = Array(buffer[start...index])
                    start = index + 1
                    return head
                }
                index += 1
            }
            try fill()
        }
    }

    private func readBody(length: Int, into reply: inout HTTPReply, discard: Bool) throws {
        var remaining = length
        while remaining > 0 {
            if discard, start == buffer.count {
                // Large bodies that are only counted go straight from the socket into the scratch buffer.
                let count = scratch.withUnsafeMutableBytes {
                    recv(descriptor, $0.baseAddress, min($0.count, remaining), 0)
                }
                guard count > 0 else { throw BenchError("connection closed") }
                reply.bodyBytes += count
                remaining -= count
                continue
            }
            if start == buffer.count { try fill() }
            let take = min(remaining, buffer.count - start)
            if !discard { reply.body.append(contentsOf: buffer[start..<(start + take)]) }
            reply.bodyBytes += take
            start += take
            remaining -= take
        }
    }

    private func readLine() throws -> String {
        while true {
            if let end = buffer[start...].firstIndex(of: 10) {
                let line = String(decoding: buffer[start..<end], as: UTF8.self)
                start = end + 1
                return line.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            try fill()
        }
    }

    private func readChunked(into reply: inout HTTPReply, discard: Bool) throws {
        while true {
            let sizeLine = try readLine()
            let size = Int(sizeLine.prefix { $0 != ";" }, radix: 16) ?? 0
            if size == 0 {
                while try !readLine().isEmpty {}
                return
            }
            try readBody(length: size, into: &reply, discard: discard)
            _ = try readLine()
        }
    }

    private func readToClose(into reply: inout HTTPReply, discard: Bool) throws {
        while true {
            let take = buffer.count - start
            if !discard { reply.body.append(contentsOf: buffer[start...]) }
            reply.bodyBytes += take
            start = buffer.count
            do { try fill() } catch { break }
        }
        disconnect()
    }
}
