/// Base64 syntax check without decoding (RFC 4648 §4).
enum Base64Check {
    static func isBase64(_ text: String) -> Bool {
        var padding = 0
        var count = 0
        for byte in text.utf8 {
            switch byte {
            case 0x41...0x5A, 0x61...0x7A, 0x30...0x39, 0x2B, 0x2F:
                guard padding == 0 else { return false }
                count += 1
            case 0x3D:
                padding += 1
                count += 1
            default:
                return false
            }
        }
        return padding <= 2 && count % 4 == 0
    }
}
