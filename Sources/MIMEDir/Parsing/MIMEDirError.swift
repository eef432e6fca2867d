/// Why a MIME directory stream (RFC 5545 §3.1/§3.4, RFC 6350 §3.3) could not be parsed.
///
/// Every case carries the 1-based physical line where the problem was found.
public enum MIMEDirError: Error, Sendable, Hashable {
    /// The input held no component at all (RFC 5545 §3.4 requires at least one).
    case empty
    /// A content line lacks the `:` separating name from value (RFC 5545 §3.1).
    case missingColon(line: Int)
    /// A property or parameter name is empty or contains a character outside `iana-token` (RFC 5545 §3.1).
    case invalidName(line: Int)
    /// A parameter is missing its `=` (RFC 5545 §3.2); accepted in forgiving mode.
    case missingParameterValue(line: Int)
    /// A quoted parameter value is not closed, or a DQUOTE appears inside a value (RFC 5545 §3.1 `quoted-string`).
    case unterminatedQuote(line: Int)
    /// A content line is not valid UTF-8 (RFC 5545 §3.1, RFC 6350 §3.1); repaired in forgiving mode.
    case invalidUTF8(line: Int)
    /// A control character other than HTAB appears in a value (RFC 5545 §3.1 `VALUE-CHAR`).
    case controlCharacter(line: Int)
    /// A line ends with a bare LF (RFC 5545 §3.1 requires CRLF); accepted in forgiving mode.
    case bareLineFeed(line: Int)
    /// An empty line appears inside the stream (RFC 5545 §3.1); skipped in forgiving mode.
    case emptyLine(line: Int)
    /// Content appears outside any `BEGIN`/`END` pair (RFC 5545 §3.4).
    case contentOutsideComponent(line: Int)
    /// `END` names a different component than the open `BEGIN` (RFC 5545 §3.6).
    case mismatchedEnd(line: Int, expected: String, found: String)
    /// `END` without an open component (RFC 5545 §3.6).
    case unexpectedEnd(line: Int, found: String)
    /// The input ended while a component was still open (RFC 5545 §3.6).
    case unterminatedComponent(line: Int, name: String)
    /// Components are nested deeper than ``MIMEDirParser/Options/maxDepth``.
    case nestingTooDeep(line: Int, limit: Int)
    /// An unfolded line is longer than ``MIMEDirParser/Options/maxLineOctets``.
    case lineTooLong(line: Int, limit: Int)
    /// A property has more parameters than ``MIMEDirParser/Options/maxParameters``.
    case tooManyParameters(line: Int, limit: Int)

    /// The line the problem was found on, 0 for ``empty``.
    public var line: Int {
        switch self {
        case .empty: 0
        case .missingColon(let line), .invalidName(let line), .missingParameterValue(let line),
            .unterminatedQuote(let line), .invalidUTF8(let line), .controlCharacter(let line),
            .bareLineFeed(let line), .emptyLine(let line), .contentOutsideComponent(let line):
            line
        case .mismatchedEnd(let line, _, _), .unexpectedEnd(let line, _), .unterminatedComponent(let line, _),
            .nestingTooDeep(let line, _), .lineTooLong(let line, _), .tooManyParameters(let line, _):
            line
        }
    }

    /// A one-line human-readable description for logs and `kalends ical check`.
    public var message: String {
        switch self {
        case .empty: "no BEGIN:...END component found"
        case .missingColon: "content line has no ':' between name and value"
        case .invalidName: "invalid property or parameter name"
        case .missingParameterValue: "parameter without '=' and value"
        case .unterminatedQuote: "unterminated or misplaced '\"' in a parameter value"
        case .invalidUTF8: "content is not valid UTF-8"
        case .controlCharacter: "control character in value"
        case .bareLineFeed: "line ends with LF instead of CRLF"
        case .emptyLine: "empty line"
        case .contentOutsideComponent: "content outside BEGIN/END"
        case .mismatchedEnd(_, let expected, let found): "END:\(found) does not close BEGIN:\(expected)"
        case .unexpectedEnd(_, let found): "END:\(found) without matching BEGIN"
        case .unterminatedComponent(_, let name): "BEGIN:\(name) is never closed"
        case .nestingTooDeep(_, let limit): "components nested deeper than \(limit)"
        case .lineTooLong(_, let limit): "content line longer than \(limit) octets"
        case .tooManyParameters(_, let limit): "more than \(limit) parameters on one property"
        }
    }
}
