extension DAVPath {
    /// The path named by an href in a request body (RFC 4918 §8.3): an absolute URI (its scheme and authority are
    /// dropped) or an absolute path, with any query or fragment removed; nil when it is neither.
    public init?(href: String) {
        var path = Substring(href.trimmingASCIIWhitespace)
        if let scheme = path.firstRange(of: "://") {
            let rest = path[scheme.upperBound...]
            path = rest[(rest.firstIndex(of: "/") ?? rest.endIndex)...]
            if path.isEmpty { path = "/" }
        }
        if let query = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<query] }
        self.init(encoded: path)
    }
}
