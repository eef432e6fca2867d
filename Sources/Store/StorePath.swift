/// Path rules of the store: `"alice/calendar/event.ics"` — segments non-empty, no `.` or
/// `..`, no leading or trailing slash. Callers normalise; this is defence in depth.
enum StorePath {
    /// Throws `.conflict` unless `path` is a valid store path.
    static func validate(_ path: String) throws(StoreError) {
        guard !path.isEmpty else { throw .conflict("empty path") }
        // One pass over the UTF-8 bytes: this runs on every request.
        var segmentLength = 0
        var dotsOnly = true
        for byte in path.utf8 {
            if byte == UInt8(ascii: "/") {
                guard segmentLength > 0, !(dotsOnly && segmentLength <= 2) else { throw .conflict("invalid path \(path)") }
                segmentLength = 0
                dotsOnly = true
            } else {
                guard byte != 0 else { throw .conflict("invalid path \(path)") }
                segmentLength += 1
                dotsOnly = dotsOnly && byte == UInt8(ascii: ".")
            }
        }
        guard segmentLength > 0, !(dotsOnly && segmentLength <= 2) else { throw .conflict("invalid path \(path)") }
    }

    /// The parent path, nil for a top-level (home) path.
    static func parent(of path: String) -> String? {
        guard let slash = path.lastIndex(of: "/") else { return nil }
        return String(path[..<slash])
    }

    /// The last segment.
    static func name(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
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
