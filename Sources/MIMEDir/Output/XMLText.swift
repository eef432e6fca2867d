/// Escaping of text for the XML representations xCal (RFC 6321) and xCard (RFC 6351).
public enum XMLText {
    /// `text` with `&`, `<`, `>` and `"` escaped (XML 1.0 §2.4), CR kept as `&#13;` so XML end-of-line
    /// handling does not drop it (§2.11), and characters XML 1.0 cannot carry (§2.2: other C0 controls)
    /// replaced by U+FFFD.
    public static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 })
        else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "\r": result += "&#13;"
            case "\t", "\n": result.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20: result += "\u{FFFD}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
