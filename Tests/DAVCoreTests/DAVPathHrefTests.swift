import DAVCore
import Testing

@Suite("DAVPath: hrefs in request bodies (RFC 4918 §8.3)")
struct DAVPathHrefTests {
    @Test(
        "absolute URIs lose scheme and authority, paths lose query and fragment, white space is trimmed",
        arguments: [
            ("/dav/home/a/b.ics", "/dav/home/a/b.ics"),
            ("  /dav/home/a/b.ics\n", "/dav/home/a/b.ics"),
            ("https://example.com/dav/home/a/", "/dav/home/a/"),
            ("http://example.com:8080/dav/x%20y.vcf?v=1#top", "/dav/x%20y.vcf"),
            ("https://example.com", "/"),
            ("https://example.com?q", "/"),
            ("/a/b?x=http://c/d", "/d"),
            ("/a/b#f", "/a/b"),
            ("/", "/"),
        ]
    )
    func paths(href: String, expected: String) throws {
        let path = try #require(DAVPath(href: href))
        #expect(path.encoded == expected)
        #expect(path == DAVPath(encoded: Substring(expected)))
        #expect(path.hasTrailingSlash == expected.hasSuffix("/"))
    }

    @Test(
        "refuses relative references and what a path refuses",
        arguments: ["", "   ", "b.ics", "?q", "#f", "/a/../b", "/a/%2F", "/a/%00", "/a/%C3", "/a/%4", "http://h/a/./b"]
    )
    func refuses(href: String) {
        #expect(DAVPath(href: href) == nil)
    }

    @Test("reads random hrefs as the reading over String indices did")
    func randomHrefs() {
        let pieces = [
            "/", "//", "a", "b.ics", "%20", "%2F", "%C3%A9", "%zz", "%", ".", "..", "?", "#", "://", ":", "é", " ",
            "http", "host",
        ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let href = (0..<Int.random(in: 1...8, using: &generator)).map { _ in
                pieces.randomElement(using: &generator)!
            }.joined()
            let expected = Self.reference(href)
            let path = DAVPath(href: href)
            #expect(path?.segments == expected?.segments, "\(href)")
            #expect(path?.hasTrailingSlash == expected?.hasTrailingSlash, "\(href)")
        }
    }

    /// The reading before it went over bytes: `String.UTF8View` indices and `Substring`s.
    static func reference(_ href: String) -> DAVPath? {
        let text = href.trimmingASCIIWhitespace
        let bytes = text.utf8
        var start = bytes.startIndex
        var index = bytes.startIndex
        while let colon = bytes[index...].firstIndex(of: UInt8(ascii: ":")) {
            if bytes[bytes.index(after: colon)...].prefix(2).elementsEqual("//".utf8) {
                let scheme = bytes.index(colon, offsetBy: 3)
                start = bytes[scheme...].firstIndex(of: UInt8(ascii: "/")) ?? bytes.endIndex
                if start == bytes.endIndex { return DAVPath(encoded: "/") }
                break
            }
            index = bytes.index(after: colon)
        }
        let end = bytes[start...].firstIndex { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") } ?? bytes.endIndex
        return DAVPath(encoded: text[start..<end])
    }
}
