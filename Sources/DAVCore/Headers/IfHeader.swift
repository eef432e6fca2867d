public import HTTPWire

/// The WebDAV `If` request header (RFC 4918 §10.4): lists of state-token and entity-tag conditions, either all
/// applying to the request URI (No-tag-list) or each tagged with the resource it applies to (Tagged-list).
///
/// ```
/// If = "If" ":" ( 1*No-tag-list | 1*Tagged-list )
/// No-tag-list = List
/// Tagged-list = Resource-Tag 1*List
/// List = "(" 1*Condition ")"
/// Condition = ["Not"] (State-token | "[" entity-tag "]")
/// State-token = Coded-URL
/// Resource-Tag = "<" Simple-ref ">"
/// ```
///
/// The header holds when at least one list holds (lists are ORed); a list holds when all its conditions hold
/// (conditions are ANDed). Evaluation lives in `IfHeaderEvaluation`.
public struct IfHeader: Sendable, Equatable {
    /// The resource a list applies to.
    public enum Target: Sendable, Hashable {
        /// No-tag-list: the request URI.
        case requestURI
        /// A Resource-Tag naming a path on this server (percent-decoded and normalised).
        case path(DAVPath)
        /// A Resource-Tag naming another server: it has no state here, so only `Not` conditions can hold.
        case foreign(String)
    }

    /// One condition of a list (RFC 4918 §10.4.2): a state token or an entity tag, possibly negated.
    public struct Condition: Sendable, Equatable {
        /// What is compared.
        public enum Subject: Sendable, Equatable {
            /// A Coded-URL state token such as `urn:uuid:…` or `DAV:no-lock`, without the angle brackets.
            case stateToken(String)
            /// An entity tag in square brackets.
            case entityTag(EntityTag)
        }

        /// Whether the condition is prefixed with `Not`.
        public var isNegated: Bool
        /// The token or tag.
        public var subject: Subject

        /// Creates a condition.
        public init(isNegated: Bool = false, _ subject: Subject) {
            self.isNegated = isNegated
            self.subject = subject
        }
    }

    /// One parenthesised list and the resource it applies to.
    public struct List: Sendable, Equatable {
        /// The resource the conditions are evaluated against.
        public var target: Target
        /// The conditions, all of which must hold.
        public var conditions: [Condition]

        /// Creates a list.
        public init(target: Target, conditions: [Condition]) {
            self.target = target
            self.conditions = conditions
        }
    }

    /// The lists in header order.
    public var lists: [List]

    /// Creates a header from lists.
    public init(lists: [List]) { self.lists = lists }

    /// The `If` header of a request, nil when absent. Several `If` fields are read as one, in order.
    /// Throws 400 Bad Request when it does not follow the RFC 4918 §10.4.2 grammar.
    public static func parse(_ headers: HTTPHeaders) throws -> IfHeader? {
        let values = headers.values(of: "If")
        guard !values.isEmpty else { return nil }
        return try parse(values.joined(separator: " "), host: headers["Host"])
    }

    /// Parses a field value. `host` is the request's `Host`, to tell this server's absolute URIs from others.
    public static func parse(_ value: String, host: String?) throws -> IfHeader {
        var parser = Parser(text: Array(value.utf8), host: host)
        return IfHeader(lists: try parser.parseLists())
    }
}
