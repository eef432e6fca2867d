public import HTTPWire

/// Evaluates an `If` header (RFC 4918 §10.4) against the state of the resources its lists name.
///
/// RFC 4918 §10.4.4: a state token matches when it identifies a lock whose scope includes the resource; an entity
/// tag matches by the weak comparison (servers "MUST use either the weak or the strong comparison function").
/// An unmapped URL is a resource with no entity tag and no locks, so only negated conditions can hold for it.
public enum IfHeaderEvaluation {
    /// What a condition is compared with.
    public struct ResourceState: Sendable, Equatable {
        /// The current entity tag; nil when the resource does not exist.
        public var etag: EntityTag?
        /// The tokens of every lock whose scope includes the resource (rooted at it or at a Depth-infinity
        /// ancestor).
        public var lockTokens: Set<String>

        /// Creates a state.
        public init(etag: EntityTag?, lockTokens: Set<String>) {
            self.etag = etag
            self.lockTokens = lockTokens
        }

        /// An unmapped URL, or a resource on another server.
        public static let absent = ResourceState(etag: nil, lockTokens: [])
    }

    /// The result of evaluating the header.
    public struct Outcome: Sendable, Equatable {
        /// Whether at least one list holds; when false the request fails with 412 (RFC 4918 §10.4.1).
        public var holds: Bool
        /// The state tokens named without `Not` in the lists that hold: the lock tokens the request submits.
        public var submittedTokens: Set<String>

        /// Creates an outcome.
        public init(holds: Bool, submittedTokens: Set<String>) {
            self.holds = holds
            self.submittedTokens = submittedTokens
        }
    }

    /// Evaluates every list; `state` gives the state of a resource named by a tag or by the request URI
    /// (`requestPath`), and is asked at most once per resource.
    public static func evaluate(
        _ header: IfHeader,
        requestPath: DAVPath,
        state: (DAVPath) throws -> ResourceState
    ) throws -> Outcome {
        var known: [DAVPath: ResourceState] = [:]
        var holds = false
        var submitted: Set<String> = []
        for list in header.lists {
            let current: ResourceState
            switch list.target {
            case .requestURI, .path:
                let path: DAVPath
                if case .path(let tagged) = list.target { path = tagged } else { path = requestPath }
                if let cached = known[path] {
                    current = cached
                } else {
                    current = try state(path)
                    known[path] = current
                }
            case .foreign:
                current = .absent
            }
            guard list.conditions.allSatisfy({ matches($0, current) }) else { continue }
            holds = true
            for condition in list.conditions where !condition.isNegated {
                if case .stateToken(let token) = condition.subject { submitted.insert(token) }
            }
        }
        return Outcome(holds: holds, submittedTokens: submitted)
    }

    /// Whether one condition holds for a resource.
    static func matches(_ condition: IfHeader.Condition, _ state: ResourceState) -> Bool {
        let matched: Bool =
            switch condition.subject {
            case .stateToken(let token): state.lockTokens.contains(token)
            case .entityTag(let tag): state.etag.map { $0.weakMatches(tag) } ?? false
            }
        return matched != condition.isNegated
    }
}
