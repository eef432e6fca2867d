import HTTPWire
import Testing

@Suite("gzip codec")
struct GzipTests {
    @Test("compress then decompress in small pieces round-trips, across concatenated members")
    func roundTrip() throws {
        let text = Array(String(repeating: "BEGIN:VEVENT\r\nSUMMARY:Meeting\r\nEND:VEVENT\r\n", count: 2000).utf8)
        let packed = try GzipCompressor.compress(text) + GzipCompressor.compress(Array("tail".utf8))
        #expect(packed.count < text.count / 10)
        let decompressor = try GzipDecompressor()
        var output: [UInt8] = []
        var position = 0
        var scratch = [UInt8](repeating: 0, count: 1000)
        while position < packed.count {
            let end = min(packed.count, position + 333)
            let piece = Array(packed[position..<end])
            var offset = 0
            repeat {
                let (consumed, produced) = try Array(piece[offset...]).withUnsafeBytes { source in
                    try scratch.withUnsafeMutableBytes { try decompressor.decompress(source, into: $0) }
                }
                output += scratch[0..<produced]
                offset += consumed
                if consumed == 0 && produced == 0 { break }
            } while offset < piece.count
            position = end
        }
        #expect(output == text + Array("tail".utf8))
    }

    @Test("corrupt data is reported, not crashed on")
    func corrupt() throws {
        let decompressor = try GzipDecompressor()
        var scratch = [UInt8](repeating: 0, count: 100)
        #expect(throws: GzipError.corruptData) {
            try Array("this is not gzip at all".utf8).withUnsafeBytes { source in
                try scratch.withUnsafeMutableBytes { try decompressor.decompress(source, into: $0) }
            }
        }
    }
}
