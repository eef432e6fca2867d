import Foundation

/// RFC 7617 Basic credentials, parsed from an `Authorization` header value.
public struct BasicCredentials: Sendable, Equatable {
    /// The user-id (RFC 7617 §2): never contains ':' or control characters.
    public var user: String
    /// The password; may contain ':' but no control characters.
    public var password: String

    /// Creates credentials directly.
    public init(user: String, password: String) {
        self.user = user
        self.password = password
    }

    /// Parses `Basic <base64(user:password)>` (RFC 7617 §2): the scheme is
    /// case-insensitive, the token must be strict base64 of UTF-8 text, split at the
    /// first ':'. Returns nil for anything malformed: another scheme, bad base64,
    /// non-UTF-8, no colon, an empty user-id, or control characters (RFC 7617 §2).
    public init?(authorizationHeader: String) {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        var trimmed = Substring(authorizationHeader)
        while let first = trimmed.first, isBlank(first) { trimmed.removeFirst() }
        while let last = trimmed.last, isBlank(last) { trimmed.removeLast() }
        guard let space = trimmed.firstIndex(where: isBlank) else { return nil }
        let scheme = String(trimmed[..<space])
        guard scheme.lowercased() == "basic" else { return nil }
        let token = String(trimmed[space...].drop(while: isBlank))
        guard Self.isCanonicalBase64(token), let data = Data(base64Encoded: token) else { return nil }
        let bytes = [UInt8](data)
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon > 0 else { return nil }
        guard let user = Self.strictUTF8(bytes[..<colon]), let password = Self.strictUTF8(bytes[(colon + 1)...])
        else { return nil }
        let isControl: (Unicode.Scalar) -> Bool = { $0.value < 0x20 || $0.value == 0x7F }
        guard !user.unicodeScalars.contains(where: isControl),
            !password.unicodeScalars.contains(where: isControl)
        else { return nil }
        self.user = user
        self.password = password
    }

    /// Whether `token` is padded base64 (RFC 4648 §4): a non-empty multiple of four
    /// alphabet characters with at most two trailing '='.
    private static func isCanonicalBase64(_ token: String) -> Bool {
        let bytes = Array(token.utf8)
        guard !bytes.isEmpty, bytes.count % 4 == 0 else { return false }
        let padding = bytes.reversed().prefix { $0 == UInt8(ascii: "=") }.count
        guard padding <= 2 else { return false }
        return bytes.dropLast(padding).allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "/"):
                return true
            default:
                return false
            }
        }
    }

    /// Decodes UTF-8, nil if the bytes are not valid UTF-8 (decoding would repair them).
    private static func strictUTF8(_ bytes: ArraySlice<UInt8>) -> String? {
        let text = String(decoding: bytes, as: UTF8.self)
        return text.utf8.elementsEqual(bytes) ? text : nil
    }
}
