import HTTPWire
import Testing

@Suite("Shared response bodies")
struct SharedBodyTests {
    @Test("the gzip form decompresses to the bytes and is made once, the same bytes on every call")
    func gzipFormIsMadeOnce() throws {
        let text = Array(String(repeating: "<D:response><D:href>/a</D:href></D:response>", count: 500).utf8)
        let body = SharedBody(text)
        let first = try #require(body.gzipped())
        #expect(first.count < text.count / 10)
        #expect(body.gzipped() == first)
        let decompressor = try GzipDecompressor()
        var scratch = [UInt8](repeating: 0, count: text.count + 100)
        let (_, produced) = try first.withUnsafeBytes { source in
            try scratch.withUnsafeMutableBytes { try decompressor.decompress(source, into: $0) }
        }
        #expect(Array(scratch[0..<produced]) == text)
    }
}
