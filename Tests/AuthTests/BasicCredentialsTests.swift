import Auth
import Foundation
import Testing

@Suite struct BasicCredentialsTests {
    private func header(_ raw: [UInt8], scheme: String = "Basic") -> String {
        "\(scheme) \(Data(raw).base64EncodedString())"
    }

    @Test func parsesRFC7617Example() {
        let credentials = BasicCredentials(authorizationHeader: "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==")
        #expect(credentials == BasicCredentials(user: "Aladdin", password: "open sesame"))
    }

    @Test func schemeIsCaseInsensitiveAndWhitespaceTolerated() {
        let token = Data("u:p".utf8).base64EncodedString()
        for value in ["basic \(token)", "BASIC \(token)", "  Basic   \(token)  ", "BaSiC\t\(token)"] {
            #expect(
                BasicCredentials(authorizationHeader: value) == BasicCredentials(user: "u", password: "p"),
                "\(value)"
            )
        }
    }

    @Test func passwordMayContainColonsAndBeEmpty() {
        #expect(BasicCredentials(authorizationHeader: header(Array("u:a:b::".utf8)))?.password == "a:b::")
        #expect(
            BasicCredentials(authorizationHeader: header(Array("u:".utf8))) == BasicCredentials(user: "u", password: "")
        )
    }

    @Test func utf8IsDecoded() {
        let credentials = BasicCredentials(authorizationHeader: header(Array("jürgen:pässwörd€".utf8)))
        #expect(credentials == BasicCredentials(user: "jürgen", password: "pässwörd€"))
    }

    @Test func malformedInputIsRejected() {
        let bad: [String] = [
            "",
            "Basic",
            "Basic ",
            "Bearer " + Data("u:p".utf8).base64EncodedString(),
            "BasicdTpw",
            "Basic !!!notbase64!!!",
            "Basic dTpw=",
            "Basic dTpw====",
            "Basic dT=w",
            header(Array("nocolon".utf8)),
            header(Array(":password".utf8)),
            header([0x75, 0xFF, 0x3A, 0x70]),
            header([0x75, 0x3A, 0xC3, 0x28]),
            header(Array("u\u{1}:p".utf8)),
            header(Array("u:p\n".utf8)),
            "Digest username=\"u\"",
        ]
        for value in bad {
            #expect(BasicCredentials(authorizationHeader: value) == nil, "\(value)")
        }
    }
}
