/// Why a request body is not acceptable XML.
public enum XMLReaderError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The body declares a DTD or entities; refused outright (XXE, entity expansion).
    case documentTypeDeclarationRefused
    /// The body is not well-formed XML; the parser's message and line.
    case malformed(String, line: Int)
    /// Elements nest deeper than the limit.
    case tooDeep(Int)
    /// More elements than the limit.
    case tooManyElements(Int)
    /// The body is empty where a document was required.
    case empty

    /// A message for the client.
    public var description: String {
        switch self {
        case .documentTypeDeclarationRefused: "XML with a DOCTYPE or entity declarations is not accepted."
        case .malformed(let message, let line): "The XML body is not well-formed (line \(line)): \(message)"
        case .tooDeep(let limit): "The XML body nests deeper than \(limit) elements."
        case .tooManyElements(let limit): "The XML body has more than \(limit) elements."
        case .empty: "The XML body is empty."
        }
    }
}
