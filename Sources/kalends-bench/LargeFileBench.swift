import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `kalends-bench largefile`: PUTs a file of N GiB (deterministic bytes, streamed with Content-Length), GETs it
/// back comparing every byte, and reports throughput and the server's peak RSS growth (VmHWM).
enum LargeFileBench {
    static func run(arguments: [String]) throws {
        var gibibytes = 4.0
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            if argument == "--gib" { gibibytes = Double(iterator.next() ?? "") ?? gibibytes }
        }
        let size = Int64(gibibytes * Double(1 << 30))
        let server = try BenchServer()
        defer { server.stop() }
        let baseline = server.peakResidentKiB
        let path = "/dav/home/\(BenchServer.user)/large.bin"

        let upload = try StreamSocket(port: server.port)
        let started = Date()
        try upload.send(
            Array(
                "PUT \(path) HTTP/1.1\r\nHost: bench\r\nAuthorization: \(server.authorization)\r\nContent-Length: \(size)\r\n\r\n"
                    .utf8
            )
        )
        var block = [UInt8](repeating: 0, count: 1 << 20)
        var sent: Int64 = 0
        while sent < size {
            let count = Int(min(Int64(block.count), size - sent))
            Pattern.fill(&block, offset: sent)
            try upload.send(Array(block[0..<count]))
            sent += Int64(count)
        }
        let putStatus = try upload.readStatusAndSkipBody()
        let putSeconds = Date().timeIntervalSince(started)
        guard putStatus == 201 else { throw BenchError("PUT answered \(putStatus)") }
        let afterPut = server.peakResidentKiB

        let download = try StreamSocket(port: server.port)
        let getStarted = Date()
        try download.send(
            Array("GET \(path) HTTP/1.1\r\nHost: bench\r\nAuthorization: \(server.authorization)\r\n\r\n".utf8)
        )
        let (status, length) = try download.readHead()
        guard status == 200, length == size else { throw BenchError("GET answered \(status) with \(length) bytes") }
        var received: Int64 = 0
        var expected = [UInt8](repeating: 0, count: 1 << 20)
        var mismatches = 0
        while received < size {
            let chunk = try download.receive(max: Int(min(Int64(1 << 20), size - received)))
            var offset = 0
            while offset < chunk.count {
                let blockOffset = (received + Int64(offset)) % Int64(1 << 20)
                Pattern.fill(&expected, offset: received + Int64(offset) - blockOffset)
                let take = min(chunk.count - offset, (1 << 20) - Int(blockOffset))
                if !chunk[offset..<(offset + take)].elementsEqual(
                    expected[Int(blockOffset)..<(Int(blockOffset) + take)]
                ) {
                    mismatches += 1
                }
                offset += take
            }
            received += Int64(chunk.count)
        }
        let getSeconds = Date().timeIntervalSince(getStarted)
        let afterGet = server.peakResidentKiB
        let mebibytes = Double(size) / Double(1 << 20)
        print("suite=largefile bytes=\(size)")
        print("put_seconds=\(String(format: "%.1f", putSeconds)) put_mib_per_s=\(Int(mebibytes / putSeconds))")
        print(
            "get_seconds=\(String(format: "%.1f", getSeconds)) get_mib_per_s=\(Int(mebibytes / getSeconds)) mismatched_blocks=\(mismatches)"
        )
        print(
            "server_peak_rss_kib_start=\(baseline) after_put=\(afterPut) after_get=\(afterGet) growth_mib=\((afterGet - baseline) / 1024)"
        )
    }
}

/// Deterministic content: each 1 MiB block is filled from its offset, so nothing large is kept in memory.
enum Pattern {
    static func fill(_ block: inout [UInt8], offset: Int64) {
        var state = UInt64(bitPattern: offset) &* 0x9E37_79B9_7F4A_7C15 | 1
        block.withUnsafeMutableBytes { raw in
            let words = raw.bindMemory(to: UInt64.self)
            for index in words.indices {
                state ^= state << 13
                state ^= state >> 7
                state ^= state << 17
                words[index] = state
            }
        }
    }
}

/// A blocking socket for streaming large bodies.
final class StreamSocket {
    private let descriptor: Int32
    private var pending: [UInt8] = []

    init(port: UInt16) throws {
        descriptor = try LoopbackSocket.connect(port: port)
    }

    deinit { close(descriptor) }

    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes {
                Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            guard count > 0 else { throw BenchError("send failed") }
            offset += count
        }
    }

    func receive(max: Int) throws -> [UInt8] {
        if !pending.isEmpty {
            let take = Array(pending.prefix(max))
            pending.removeFirst(take.count)
            return take
        }
        var buffer = [UInt8](repeating: 0, count: max)
        let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { throw BenchError("connection closed") }
        return Array(buffer[0..<count])
    }

    /// Reads a response head; returns the status and Content-Length.
    func readHead() throws -> (Int, Int64) {
        var head: [UInt8] = []
        while true {
            let chunk = try receive(max: 4096)
            head += chunk
            if let end = head.indices.dropLast(3).first(where: {
                head[$0] == 13 && head[$0 + 1] == 10 && head[$0 + 2] == 13 && head[$0 + 3] == 10
            }) {
                pending = Array(head[(end + 4)...]) + pending
                let text = String(decoding: head[0..<end], as: UTF8.self).lowercased()
                let status = Int(text.dropFirst(9).prefix(3)) ?? 0
                var length: Int64 = 0
                if let range = text.range(of: "content-length:") {
                    length =
                        Int64(
                            text[range.upperBound...].prefix { $0 != "\r\n" && $0 != "\r" }.trimmingCharacters(
                                in: .whitespaces
                            )
                        ) ?? 0
                }
                return (status, length)
            }
        }
    }

    func readStatusAndSkipBody() throws -> Int {
        let (status, length) = try readHead()
        var remaining = length - Int64(pending.count)
        pending = []
        while remaining > 0 { remaining -= Int64(try receive(max: 65536).count) }
        return status
    }
}
