import DAVCore

/// The read-only resources of the URL space that are not in the store: `/` (where clients given the bare server
/// URL start discovery, RFC 6764 §6), `/dav/`, `/dav/home/`,
/// `/dav/principals/`, `/dav/principals/users/` and each user's principal (RFC 3744 §2, RFC 5397). A user sees
/// only their own home and principal in listings.
enum SynthesisedResources {
    /// `/dav/principals/`.
    static let principalsFolder = DAVPath(encoded: "/dav/principals/") ?? .root

    /// Whether `path` is in the synthesised part of the URL space (everything under `/dav/` outside homes).
    static func contains(_ path: DAVPath) -> Bool {
        URLSpace.storeLocation(of: path) == nil
    }

    /// The synthesised resource at `path`; nil when there is none. `userExists` answers for principal paths.
    static func resource(at path: DAVPath, userExists: (String) throws -> Bool) rethrows -> DAVResource? {
        switch path {
        case .root, URLSpace.davRoot, URLSpace.homeRoot, principalsFolder, URLSpace.principalRoot:
            return folder(path)
        default:
            guard let user = principalName(of: path), try userExists(user) else { return nil }
            return principal(user)
        }
    }

    /// The members of a synthesised collection as `user` sees them; nil when `path` is not one.
    static func members(of path: DAVPath, for user: String) -> [DAVResource]? {
        switch path {
        case .root: [folder(URLSpace.davRoot)]
        case URLSpace.davRoot: [folder(URLSpace.homeRoot), folder(principalsFolder)]
        case URLSpace.homeRoot: []
        case principalsFolder: [folder(URLSpace.principalRoot)]
        case URLSpace.principalRoot: [principal(user)]
        default: principalName(of: path) == nil ? nil : []
        }
    }

    /// The user named by `/dav/principals/users/<user>/`.
    static func principalName(of path: DAVPath) -> String? {
        guard path.segments.count == 4, path.isDescendant(of: URLSpace.principalRoot) else { return nil }
        return path.segments[3]
    }

    /// `/dav/principals/users/<user>/`.
    static func principalPath(of user: String) -> DAVPath {
        URLSpace.principalRoot.appending(user, isCollection: true) ?? URLSpace.principalRoot
    }

    private static func folder(_ path: DAVPath) -> DAVResource {
        DAVResource(
            identifier: 0,
            path: path,
            kind: .virtualCollection,
            etag: nil,
            contentType: nil,
            contentLength: 0,
            created: 0,
            lastModified: 0
        )
    }

    private static func principal(_ user: String) -> DAVResource {
        DAVResource(
            identifier: 0,
            path: principalPath(of: user),
            kind: .principal,
            etag: nil,
            contentType: nil,
            contentLength: 0,
            created: 0,
            lastModified: 0
        )
    }
}
