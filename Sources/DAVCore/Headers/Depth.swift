public import HTTPWire

/// The `Depth` request header (RFC 4918 §10.2).
public enum Depth: Sendable, Equatable {
    /// The resource only.
    case zero
    /// The resource and its direct members.
    case one
    /// The whole tree.
    case infinity

    /// Parses the header; `defaultValue` when absent; nil when present but not `0`, `1` or `infinity`.
    public static func parse(_ headers: HTTPHeaders, defaultValue: Depth) -> Depth? {
        guard let value = headers["Depth"] else { return defaultValue }
        switch value.lowercased() {
        case "0": return .zero
        case "1": return .one
        case "infinity": return .infinity
        default: return nil
        }
    }
}
