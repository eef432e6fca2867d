import DAVCore
import HTTPWire
import Testing

@Suite("DAVPath: normalisation and traversal refusal (RFC 3986 §3.3)")
struct DAVPathTests {
    @Test("decodes percent-encoding and remembers the trailing slash")
    func decodes() throws {
        let path = try #require(DAVPath(encoded: "/dav/home/alice/My%20Notes/caf%C3%A9.txt"))
        #expect(path.segments == ["dav", "home", "alice", "My Notes", "café.txt"])
        #expect(!path.hasTrailingSlash)
        #expect(path.encoded == "/dav/home/alice/My%20Notes/caf%C3%A9.txt")
        #expect(try #require(DAVPath(encoded: "/dav//home/")).segments == ["dav", "home"])
        #expect(DAVPath(encoded: "/dav/")?.hasTrailingSlash == true)
    }

    @Test(
        "refuses dot segments, encoded slashes, NUL, bad escapes and invalid UTF-8",
        arguments: [
            "/a/../b", "/a/./b", "/a/%2e%2e/b", "/a/%2E%2E", "/a%2fb", "/a/%00", "/a/%zz", "/a/%C3", "relative",
            "/a/%ff",
        ]
    )
    func refuses(text: String) {
        #expect(DAVPath(encoded: Substring(text)) == nil)
    }

    @Test("parents, descendants and equality ignore the trailing slash")
    func relations() throws {
        let file = try #require(DAVPath(encoded: "/dav/home/alice/a.txt"))
        let home = try #require(DAVPath(encoded: "/dav/home/alice/"))
        #expect(file.parent == home)
        #expect(file.isDescendant(of: home))
        #expect(!home.isDescendant(of: file))
        #expect(DAVPath(encoded: "/dav/home/alice") == home)
        #expect(home.appending("..") == nil)
    }

    @Test("errors with a condition render an RFC 4918 §16 DAV:error body")
    func errorBody() throws {
        let error = DAVError(.forbidden, condition: .dav("cannot-modify-protected-property"), "no <way>")
        let response = error.response
        #expect(response.status == .forbidden)
        guard case .bytes(let bytes) = response.body else {
            Issue.record("no body")
            return
        }
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("<D:cannot-modify-protected-property/>"))
        #expect(text.contains("no &lt;way&gt;"))
    }

    @Test("media types are guessed from the extension")
    func mediaTypes() {
        #expect(MediaTypes.guess(forName: "party.ICS").hasPrefix("text/calendar"))
        #expect(MediaTypes.guess(forName: "photo.jpeg") == "image/jpeg")
        #expect(MediaTypes.guess(forName: "README") == "application/octet-stream")
        #expect(MediaTypes.guess(forName: ".hidden") == "application/octet-stream")
    }
}
