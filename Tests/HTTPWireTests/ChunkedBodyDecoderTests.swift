import HTTPWire
import Testing

private func decodeChunked(_ text: String, dripFed: Bool) throws -> (body: String, rest: String, complete: Bool) {
    let input = Array(text.utf8)
    var decoder = ChunkedBodyDecoder(limits: HTTPLimits())
    var output: [UInt8] = []
    var position = 0
    var scratch = [UInt8](repeating: 0, count: 7)
    while position < input.count, !decoder.isComplete {
        let end = dripFed ? position + 1 : input.count
        let slice = Array(input[position..<end])
        var offset = 0
        while offset < slice.count, !decoder.isComplete {
            let piece = Array(slice[offset...])
            let (consumed, produced) = try piece.withUnsafeBytes { source in
                try scratch.withUnsafeMutableBytes { target in try decoder.decode(source, into: target) }
            }
            output += scratch[0..<produced]
            offset += consumed
            if consumed == 0 && produced == 0 { break }
        }
        position += offset
        if offset == 0 { break }
    }
    return (
        String(decoding: output, as: UTF8.self), String(decoding: input[position...], as: UTF8.self), decoder.isComplete
    )
}

@Suite("RFC 9112 §7.1 chunked transfer coding")
struct ChunkedBodyDecoderTests {
    @Test("decodes chunks with extensions and trailers, leaving the next request", arguments: [false, true])
    func decodes(dripFed: Bool) throws {
        let text = "4;name=value\r\nWiki\r\n5\r\npedia\r\nE\r\n in\r\n\r\nchunks.\r\n0\r\nTrailer: x\r\n\r\nGET"
        let result = try decodeChunked(text, dripFed: dripFed)
        #expect(result.body == "Wikipedia in\r\n\r\nchunks.")
        #expect(result.complete)
        #expect(result.rest == "GET")
    }

    @Test(
        "rejects a missing size, a bad digit and missing CRLF after data",
        arguments: ["\r\n", "Z\r\n", "3\r\nabcX\r\n0\r\n\r\n", "10000000000000000\r\n"]
    )
    func rejectsMalformed(text: String) {
        #expect(throws: HTTPParseError.malformedChunkedBody) { try decodeChunked(text, dripFed: false) }
    }

    @Test("a chunk-size line longer than the metadata limit is refused")
    func metadataLimit() {
        let text = "1;" + String(repeating: "x", count: 5000) + "\r\na\r\n0\r\n\r\n"
        #expect(throws: HTTPParseError.malformedChunkedBody) { try decodeChunked(text, dripFed: false) }
    }
}
