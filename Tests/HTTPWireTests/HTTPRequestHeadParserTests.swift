import HTTPWire
import Testing

/// Feeds `text` to a fresh parser either all at once or one byte at a time (as NIO's decoder verifier does) and
/// returns the head and the bytes used, or the error.
private func parse(_ text: String, limits: HTTPLimits = HTTPLimits(), dripFed: Bool) -> Result<
    (HTTPRequestHead, Int)?, HTTPParseError
> {
    let bytes = Array(text.utf8)
    var parser = HTTPRequestHeadParser(limits: limits)
    let steps = dripFed ? Array(1...max(1, bytes.count)) : [bytes.count]
    for end in steps {
        let slice = Array(bytes[0..<min(end, bytes.count)])
        do {
            let result = try slice.withUnsafeBytes { try parser.parse($0) }
            if let result { return .success(result) }
        } catch {
            return .failure(error as! HTTPParseError)
        }
    }
    return .success(nil)
}

@Suite("RFC 9112 request head parsing")
struct HTTPRequestHeadParserTests {
    @Test("parses a GET with headers the same whether fed at once or byte by byte", arguments: [false, true])
    func parsesSimpleGet(dripFed: Bool) throws {
        let text =
            "GET /dav/home/alice/a%20b.txt?x=1 HTTP/1.1\r\nHost: example\r\nX-Thing:  spaced value \t\r\n\r\nNEXT"
        let (head, used) = try #require(try parse(text, dripFed: dripFed).get())
        #expect(head.method == .get)
        #expect(head.target == "/dav/home/alice/a%20b.txt?x=1")
        #expect(head.path == "/dav/home/alice/a%20b.txt")
        #expect(head.query == "x=1")
        #expect(head.headers["x-thing"] == "spaced value")
        #expect(head.keepAlive)
        #expect(head.bodyFraming == .none)
        #expect(used == text.utf8.count - 4)
    }

    @Test("accepts bare LF line endings and leading empty lines (RFC 9112 §2.2)")
    func acceptsBareLF() throws {
        let (head, _) = try #require(
            try parse("\r\n\nPUT /x HTTP/1.1\nHost: h\nContent-Length: 5\n\n", dripFed: true).get()
        )
        #expect(head.method == .put)
        #expect(head.bodyFraming == .contentLength(5))
    }

    @Test("reports chunked framing, Expect: 100-continue and gzip content coding")
    func framingFlags() throws {
        let text =
            "PUT /f HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nExpect: 100-continue\r\nContent-Encoding: gzip\r\n\r\n"
        let (head, _) = try #require(try parse(text, dripFed: false).get())
        #expect(head.bodyFraming == .chunked)
        #expect(head.expectsContinue)
        #expect(head.bodyIsGzipped)
    }

    @Test("HTTP/1.0 closes unless keep-alive is asked for; Connection: close ends 1.1")
    func connectionPersistence() throws {
        #expect(try #require(try parse("GET / HTTP/1.0\r\n\r\n", dripFed: false).get()).0.keepAlive == false)
        #expect(
            try #require(try parse("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n", dripFed: false).get()).0
                .keepAlive
        )
        #expect(
            try #require(try parse("GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n", dripFed: false).get()).0
                .keepAlive == false
        )
    }

    @Test("absolute-form targets yield their path (RFC 9112 §3.2.2)")
    func absoluteForm() throws {
        let (head, _) = try #require(
            try parse("GET http://example.com:8008/dav/x?y HTTP/1.1\r\nHost: example.com\r\n\r\n", dripFed: false).get()
        )
        #expect(head.path == "/dav/x")
    }

    @Test(
        "rejects malformed heads with the right error",
        arguments: [
            ("GET  / HTTP/1.1\r\nHost: h\r\n\r\n", HTTPParseError.malformedRequestLine),
            ("GET / HTTP/2.0\r\nHost: h\r\n\r\n", .unsupportedVersion),
            ("GET / HTTX/1.1\r\nHost: h\r\n\r\n", .malformedRequestLine),
            ("G(T / HTTP/1.1\r\nHost: h\r\n\r\n", .malformedRequestLine),
            ("GET / HTTP/1.1\r\n\r\n", .missingOrDuplicateHost),
            ("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", .missingOrDuplicateHost),
            ("GET / HTTP/1.1\r\nHost: h\r\nX: a\r\n folded\r\n\r\n", .foldedHeader),
            ("GET / HTTP/1.1\r\nHost : h\r\n\r\n", .malformedHeader),
            ("GET / HTTP/1.1\r\nHost: h\r\nNoColon\r\n\r\n", .malformedHeader),
            ("GET / HTTP/1.1\r\nHost: h\rX\r\n\r\n", .malformedHeader),
            ("PUT / HTTP/1.1\r\nHost: h\r\nContent-Length: 1x\r\n\r\n", .invalidContentLength),
            ("PUT / HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", .invalidContentLength),
            ("PUT / HTTP/1.1\r\nHost: h\r\nContent-Length: -1\r\n\r\n", .invalidContentLength),
            ("PUT / HTTP/1.1\r\nHost: h\r\nContent-Length: 99999999999999999999\r\n\r\n", .invalidContentLength),
            ("PUT / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip\r\n\r\n", .unsupportedTransferEncoding),
            (
                "PUT / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n",
                .unsupportedTransferEncoding
            ),
            ("PUT / HTTP/1.1\r\nHost: h\r\nContent-Encoding: br\r\n\r\n", .unsupportedContentEncoding),
        ]
    )
    func rejectsMalformed(text: String, expected: HTTPParseError) {
        for dripFed in [false, true] {
            guard case .failure(let error) = parse(text, dripFed: dripFed) else {
                Issue.record("accepted: \(text.debugDescription)")
                return
            }
            #expect(error == expected)
        }
    }

    @Test("a request line one byte over the limit gets 414; at the limit it parses")
    func requestLineLimit() throws {
        let limits = HTTPLimits(maxRequestLineLength: 64)
        let atLimit = "GET /" + String(repeating: "a", count: 64 - 14) + " HTTP/1.1"
        #expect(atLimit.utf8.count == 64)
        #expect(try parse(atLimit + "\r\nHost: h\r\n\r\n", limits: limits, dripFed: false).get() != nil)
        let over = "GET /" + String(repeating: "a", count: 64 - 13) + " HTTP/1.1"
        guard case .failure(let error) = parse(over + "\r\nHost: h\r\n\r\n", limits: limits, dripFed: false) else {
            Issue.record("accepted an over-long request line")
            return
        }
        #expect(error == .requestLineTooLong)
        #expect(error.status.code == 414)
    }

    @Test("a header block one byte over 64 KiB gets 431, even before it ends")
    func headerBlockLimit() throws {
        let limits = HTTPLimits()
        let prefix = "GET / HTTP/1.1\r\nHost: h\r\nX-Fill: "
        let fill = String(repeating: "a", count: limits.maxHeaderBlockSize - prefix.utf8.count - 4 + 1)
        guard case .failure(let error) = parse(prefix + fill + "\r\n\r\n", dripFed: false) else {
            Issue.record("accepted an oversized header block")
            return
        }
        #expect(error == .headerBlockTooLarge)
        #expect(error.status.code == 431)
        guard case .failure(let unterminated) = parse(prefix + fill + fill, dripFed: false) else {
            Issue.record("waited forever for an oversized header block")
            return
        }
        #expect(unterminated == .headerBlockTooLarge)
    }

    @Test("too many header fields get 431")
    func headerCountLimit() {
        let fields = (0..<201).map { "X-\($0): v\r\n" }.joined()
        guard case .failure(let error) = parse("GET / HTTP/1.1\r\nHost: h\r\n\(fields)\r\n", dripFed: false) else {
            Issue.record("accepted 202 header fields")
            return
        }
        #expect(error == .headerBlockTooLarge)
    }

    @Test("scanning stays linear: a 60 KiB head fed byte by byte parses quickly")
    func linearScan() throws {
        let text =
            "GET / HTTP/1.1\r\nHost: h\r\n"
            + (0..<150).map { "X-\($0): " + String(repeating: "v", count: 380) + "\r\n" }.joined() + "\r\n"
        let clock = ContinuousClock()
        let elapsed = try clock.measure { _ = try #require(try parse(text, dripFed: true).get()) }
        #expect(elapsed < .seconds(5))
    }
}
