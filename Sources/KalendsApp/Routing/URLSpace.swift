import DAVCore

/// The server's URL space (see `Docs/architecture.md`): where homes and principals live, and how a DAV path maps
/// to a path in the store.
enum URLSpace {
    /// `/dav/`.
    static let davRoot = DAVPath(encoded: "/dav/") ?? .root
    /// `/dav/principals/users/`.
    static let principalRoot = DAVPath(encoded: "/dav/principals/users/") ?? .root
    /// `/dav/home/`.
    static let homeRoot = DAVPath(encoded: "/dav/home/") ?? .root

    /// `/dav/home/<user>/`.
    static func home(of user: String) -> DAVPath {
        homeRoot.appending(user, isCollection: true) ?? homeRoot
    }

    /// For `/dav/home/<user>/rest…`: the owning user and the store path `<user>/rest…`; nil outside homes.
    static func storeLocation(of path: DAVPath) -> (owner: String, storePath: String)? {
        let segments = path.segments
        guard segments.count >= 3, segments[0] == "dav", segments[1] == "home" else { return nil }
        var storePath = segments[2]
        for segment in segments[3...] {
            storePath += "/"
            storePath += segment
        }
        return (segments[2], storePath)
    }
}
