import DAVXML
public import HTTPWire

/// The one error type that reaches the wire: a status, optionally a precondition/postcondition element
/// (RFC 4918 §16, RFC 4791 §1.3), and a message for the body and the log.
public struct DAVError: Error, Sendable, CustomStringConvertible {
    /// A precondition or postcondition element such as `{DAV:}cannot-modify-protected-property`.
    public struct Condition: Hashable, Sendable {
        /// The namespace URI.
        public var namespace: String
        /// The local name.
        public var name: String
        /// `DAV:href` children, e.g. the locked roots inside `DAV:lock-token-submitted` (RFC 4918 §16).
        public var hrefs: [String]

        /// Creates a condition element name.
        public init(namespace: String, name: String, hrefs: [String] = []) {
            self.namespace = namespace
            self.name = name
            self.hrefs = hrefs
        }

        /// A condition in the `DAV:` namespace.
        public static func dav(_ name: String, hrefs: [String] = []) -> Condition {
            Condition(namespace: "DAV:", name: name, hrefs: hrefs)
        }
    }

    /// The status to answer with.
    public var status: HTTPStatus
    /// The condition element for the `DAV:error` body, if any.
    public var condition: Condition?
    /// Human-readable detail.
    public var message: String
    /// Extra headers, e.g. `Allow` on 405.
    public var headers: HTTPHeaders

    /// Creates an error.
    public init(
        _ status: HTTPStatus,
        condition: Condition? = nil,
        _ message: String = "",
        headers: HTTPHeaders = HTTPHeaders()
    ) {
        self.status = status
        self.condition = condition
        self.message = message.isEmpty ? status.reasonPhrase : message
        self.headers = headers
    }

    /// `409 Conflict: parent collection missing`.
    public var description: String { "\(status.code) \(status.reasonPhrase): \(message)" }

    /// The response: an RFC 4918 §16 `DAV:error` XML body when there is a condition, plain text otherwise.
    public var response: HTTPResponse {
        guard let condition else { return .text(status, message, headers: headers) }
        var headers = headers
        headers.replaceOrAdd(name: "Content-Type", value: "application/xml; charset=utf-8")
        let element = XMLTree(
            XMLName(condition.namespace, condition.name),
            children: condition.hrefs.map { .element(XMLTree(.dav("href"), text: $0)) }
        )
        let error = XMLTree(
            .dav("error"),
            children: [.element(element), .element(XMLTree(.dav("responsedescription"), text: message))]
        )
        return HTTPResponse(status: status, headers: headers, body: .bytes(XMLWriter.document(error)))
    }

    /// 404 for a path.
    public static func notFound(_ path: DAVPath) -> DAVError { DAVError(.notFound, "\(path) does not exist.") }

    /// 403 for a path the user may not touch.
    public static func forbidden(_ path: DAVPath) -> DAVError {
        DAVError(.forbidden, "You may not access \(path).")
    }

    /// 412 when a conditional header does not hold.
    public static let preconditionFailed = DAVError(.preconditionFailed, "A precondition header does not hold.")
}
