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
            ("/a/b?x=http://c/d", "/a/b"),
            ("https://example.com?q/x", "/"),
            ("https://example.com#f/x", "/"),
            ("HTTP://example.com/x", "/x"),
            ("web+dav-1.0://host/x/", "/x/"),
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
        arguments: [
            "", "   ", "b.ics", "?q", "#f", "/a/../b", "/a/%2F", "/a/%00", "/a/%C3", "/a/%4", "http://h/a/./b",
            "1http://h/a", "a b://h/c", "://h/a",
        ]
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

    /// The same reading over `Substring`s: an absolute URI is a scheme (a letter, then letters, digits, `+`, `-`,
    /// `.`) followed by `://` (RFC 3986 §3); its authority runs to the first `/`, `?` or `#`.
    static func reference(_ href: String) -> DAVPath? {
        var text = Substring(href.trimmingASCIIWhitespace)
        if let colon = text.firstIndex(of: ":"), text[colon...].hasPrefix("://") {
            let scheme = text[..<colon]
            let schemeBytes = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.")
            if let first = scheme.first, first.isASCII, first.isLetter, scheme.allSatisfy(schemeBytes.contains) {
                let rest = text[text.index(colon, offsetBy: 3)...]
                guard let slash = rest.firstIndex(where: { "/?#".contains($0) }), rest[slash] == "/" else {
                    return DAVPath(encoded: "/")
                }
                text = rest[slash...]
            }
        }
        let end = text.firstIndex { $0 == "?" || $0 == "#" } ?? text.endIndex
        return DAVPath(encoded: text[..<end])
    }
}
