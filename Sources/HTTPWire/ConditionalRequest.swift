/// The one evaluation of conditional request headers (RFC 9110 §13.2.2) shared by every method.
public enum ConditionalRequest {
    /// What the preconditions say.
    public enum Outcome: Sendable, Equatable {
        /// Perform the method.
        case proceed
        /// Answer 304 Not Modified (GET/HEAD only).
        case notModified
        /// Answer 412 Precondition Failed.
        case preconditionFailed
    }

    /// The state of the target resource the preconditions are tested against.
    public struct ResourceState: Sendable {
        /// The current strong entity tag, nil when the resource does not exist or has none.
        public var etag: EntityTag?
        /// Last modification, in epoch seconds.
        public var lastModified: Int64?
        /// Whether the target exists.
        public var exists: Bool

        /// Creates a state.
        public init(etag: EntityTag?, lastModified: Int64?, exists: Bool) {
            self.etag = etag
            self.lastModified = lastModified
            self.exists = exists
        }

        /// The state of a target that does not exist.
        public static let missing = ResourceState(etag: nil, lastModified: nil, exists: false)
    }

    /// Evaluates If-Match, If-Unmodified-Since, If-None-Match and If-Modified-Since in the RFC's order.
    public static func evaluate(_ headers: HTTPHeaders, method: HTTPMethod, state: ResourceState) -> Outcome {
        let isRead = method == .get || method == .head
        // Step 1: If-Match (strong comparison; `*` matches any current representation).
        if let ifMatch = headers["If-Match"] {
            guard state.exists else { return .preconditionFailed }
            if let tags = EntityTag.parseList(ifMatch) {
                guard let current = state.etag, tags.contains(where: { $0.strongMatches(current) }) else {
                    return .preconditionFailed
                }
            }
        } else if let since = headers["If-Unmodified-Since"].flatMap(HTTPDate.parse),
            let modified = state.lastModified, state.exists, modified > since
        {
            // Step 2: If-Unmodified-Since, only without If-Match.
            return .preconditionFailed
        }
        // Step 3: If-None-Match (weak comparison).
        if let ifNoneMatch = headers["If-None-Match"] {
            let matches: Bool
            if let tags = EntityTag.parseList(ifNoneMatch) {
                matches = state.etag.map { current in tags.contains { $0.weakMatches(current) } } ?? false
            } else {
                matches = state.exists
            }
            if matches { return isRead ? .notModified : .preconditionFailed }
        } else if isRead, let since = headers["If-Modified-Since"].flatMap(HTTPDate.parse),
            let modified = state.lastModified, state.exists, modified <= since
        {
            // Step 4: If-Modified-Since, only for GET/HEAD without If-None-Match.
            return .notModified
        }
        return .proceed
    }
}
