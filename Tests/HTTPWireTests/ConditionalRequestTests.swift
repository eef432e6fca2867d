import HTTPWire
import Testing

@Suite("RFC 9110 §13 conditional requests, §14 ranges, §5.6.7 dates")
struct ConditionalRequestTests {
    let state = ConditionalRequest.ResourceState(etag: EntityTag("abc"), lastModified: 784_111_777, exists: true)

    private func evaluate(
        _ fields: [(String, String)],
        _ method: HTTPMethod = .get,
        state: ConditionalRequest.ResourceState? = nil
    ) -> ConditionalRequest.Outcome {
        var headers = HTTPHeaders()
        for (name, value) in fields { headers.add(name: name, value: value) }
        return ConditionalRequest.evaluate(headers, method: method, state: state ?? self.state)
    }

    @Test("If-Match uses strong comparison and * needs an existing resource")
    func ifMatch() {
        #expect(evaluate([("If-Match", "\"abc\"")], .put) == .proceed)
        #expect(evaluate([("If-Match", "\"x\", \"abc\"")], .put) == .proceed)
        #expect(evaluate([("If-Match", "W/\"abc\"")], .put) == .preconditionFailed)
        #expect(evaluate([("If-Match", "\"zzz\"")], .put) == .preconditionFailed)
        #expect(evaluate([("If-Match", "*")], .put) == .proceed)
        #expect(evaluate([("If-Match", "*")], .put, state: .missing) == .preconditionFailed)
    }

    @Test("If-None-Match gives 304 for reads and 412 for writes; * protects against overwrites")
    func ifNoneMatch() {
        #expect(evaluate([("If-None-Match", "W/\"abc\"")]) == .notModified)
        #expect(evaluate([("If-None-Match", "\"abc\"")], .put) == .preconditionFailed)
        #expect(evaluate([("If-None-Match", "*")], .put) == .preconditionFailed)
        #expect(evaluate([("If-None-Match", "*")], .put, state: .missing) == .proceed)
        #expect(evaluate([("If-None-Match", "\"other\"")]) == .proceed)
    }

    @Test("date conditions apply only without their ETag counterparts")
    func dates() {
        let date = HTTPDate.format(epochSeconds: 784_111_777)
        #expect(evaluate([("If-Modified-Since", date)]) == .notModified)
        #expect(evaluate([("If-Modified-Since", HTTPDate.format(epochSeconds: 784_111_776))]) == .proceed)
        #expect(evaluate([("If-Modified-Since", date), ("If-None-Match", "\"other\"")]) == .proceed)
        #expect(
            evaluate([("If-Unmodified-Since", HTTPDate.format(epochSeconds: 784_111_776))], .put) == .preconditionFailed
        )
        #expect(
            evaluate(
                [("If-Unmodified-Since", HTTPDate.format(epochSeconds: 784_111_776)), ("If-Match", "\"abc\"")],
                .put
            ) == .proceed
        )
    }

    @Test("the three HTTP date forms parse to the same instant (RFC 9110 §5.6.7 example)")
    func dateForms() {
        #expect(HTTPDate.parse("Sun, 06 Nov 1994 08:49:37 GMT") == 784_111_777)
        #expect(HTTPDate.parse("Sunday, 06-Nov-94 08:49:37 GMT") == 784_111_777)
        #expect(HTTPDate.parse("Sun Nov  6 08:49:37 1994") == 784_111_777)
        #expect(HTTPDate.format(epochSeconds: 784_111_777) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(HTTPDate.parse("yesterday") == nil)
    }

    @Test(
        "byte ranges: first-last, open-ended, suffix, unsatisfiable, multiple ignored",
        arguments: [
            ("bytes=0-9", ByteRange.Outcome.partial(offset: 0, length: 10)),
            ("bytes=90-", .partial(offset: 90, length: 10)),
            ("bytes=-5", .partial(offset: 95, length: 5)),
            ("bytes=95-200", .partial(offset: 95, length: 5)),
            ("bytes=100-", .unsatisfiable),
            ("bytes=-0", .unsatisfiable),
            ("bytes=0-1,5-6", .full),
            ("items=0-1", .full),
            ("bytes=5-1", .full),
        ]
    )
    func ranges(header: String, expected: ByteRange.Outcome) {
        var headers = HTTPHeaders()
        headers.add(name: "Range", value: header)
        #expect(ByteRange.evaluate(headers, totalLength: 100, state: state) == expected)
    }

    @Test("If-Range with a stale validator serves the whole representation")
    func ifRange() {
        var headers: HTTPHeaders = ["Range": "bytes=0-1", "If-Range": "\"abc\""]
        #expect(ByteRange.evaluate(headers, totalLength: 10, state: state) == .partial(offset: 0, length: 2))
        headers.replaceOrAdd(name: "If-Range", value: "\"old\"")
        #expect(ByteRange.evaluate(headers, totalLength: 10, state: state) == .full)
    }
}
