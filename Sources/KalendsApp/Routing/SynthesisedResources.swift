import DAVCore

/// The read-only resources of the URL space that are not in the store: `/` (where clients given the bare server
/// URL start discovery, RFC 6764 §6), `/dav/`, `/dav/home/`,
/// `/dav/principals/`, `/dav/principals/users/`, each user's principal (RFC 3744 §2, RFC 5397) and, under it, the
/// user's scheduling inbox and outbox (RFC 6638 §2.1–§2.2; empty, the server does no scheduling yet). A user sees
/// only their own home and principal in listings, and only their own inbox and outbox at all.
enum SynthesisedResources {
    /// `/dav/principals/`.
    static let principalsFolder = DAVPath(encoded: "/dav/principals/") ?? .root

    /// Whether `path` is in the synthesised part of the URL space (everything under `/dav/` outside homes).
    static func contains(_ path: DAVPath) -> Bool {
        URLSpace.storeLocation(of: path) == nil
    }

    /// The synthesised resource at `path` as `requester` sees it; nil when there is none. `userExists` answers
    /// for principal paths.
    static func resource(
        at path: DAVPath,
        for requester: String,
        userExists: (String) throws -> Bool
    ) rethrows -> DAVResource? {
        switch path {
        case .root, URLSpace.davRoot, URLSpace.homeRoot, principalsFolder, URLSpace.principalRoot:
            return folder(path)
        case scheduleInboxPath(of: requester):
            return collection(path, kind: .scheduleInbox)
        case scheduleOutboxPath(of: requester):
            return collection(path, kind: .scheduleOutbox)
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
        case principalPath(of: user):
            [
                collection(scheduleInboxPath(of: user), kind: .scheduleInbox),
                collection(scheduleOutboxPath(of: user), kind: .scheduleOutbox),
            ]
        case scheduleInboxPath(of: user), scheduleOutboxPath(of: user): []
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

    /// `/dav/principals/users/<user>/inbox/` (RFC 6638 §2.2).
    static func scheduleInboxPath(of user: String) -> DAVPath {
        principalPath(of: user).appending("inbox", isCollection: true) ?? principalPath(of: user)
    }

    /// `/dav/principals/users/<user>/outbox/` (RFC 6638 §2.1).
    static func scheduleOutboxPath(of user: String) -> DAVPath {
        principalPath(of: user).appending("outbox", isCollection: true) ?? principalPath(of: user)
    }

    private static func folder(_ path: DAVPath) -> DAVResource {
        collection(path, kind: .virtualCollection)
    }

    private static func collection(_ path: DAVPath, kind: ResourceKind) -> DAVResource {
        DAVResource(
            identifier: 0,
            path: path,
            kind: kind,
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
