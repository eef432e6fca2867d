/// Path rules of the store: `"alice/calendar/event.ics"` — segments non-empty, no `.` or
/// `..`, no leading or trailing slash. Callers normalise; this is defence in depth.
enum StorePath {
    /// Throws `.conflict` unless `path` is a valid store path. Scans the UTF-8 bytes once
    /// without allocating (it runs on every lookup).
    static func validate(_ path: String) throws(StoreError) {
        guard !path.isEmpty else { throw .conflict("empty path") }
        var segmentLength = 0
        var dots = 0
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "/"):
                guard segmentLength > 0, dots != segmentLength || dots > 2 else {
                    throw .conflict("invalid path \(path)")
                }
                segmentLength = 0
                dots = 0
            case 0:
                throw .conflict("invalid path \(path)")
            default:
                segmentLength += 1
                if byte == UInt8(ascii: ".") { dots += 1 }
            }
        }
        guard segmentLength > 0, dots != segmentLength || dots > 2 else { throw .conflict("invalid path \(path)") }
    }

    /// The parent path, nil for a top-level (home) path.
    static func parent(of path: String) -> String? {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return nil }
        return String(path[..<slash])
    }

    /// The last segment.
    static func name(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// Whether `descendant` lies strictly inside `ancestor`.
    static func isInside(_ descendant: String, _ ancestor: String) -> Bool {
        descendant.hasPrefix(ancestor + "/")
    }

    /// The exclusive bounds of the subtree below `path` for an index range scan:
    /// every descendant `d` satisfies `path + "/" < d < path + "0"` ('0' follows '/').
    static func subtreeBounds(_ path: String) -> (lower: String, upper: String) {
        (path + "/", path + "0")
    }
}
