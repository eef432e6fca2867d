public import HTTPWire

/// OPTIONS (RFC 9110 §9.3.7, RFC 4918 §10.1): advertises the DAV compliance classes and allowed methods.
public struct OptionsMethod: MethodHandler {
    /// The `DAV` header value, e.g. `1, 3`; protocol layers append their tokens (`calendar-access`).
    public var complianceClasses: [String]
    /// The methods to list in `Allow`.
    public var allowedMethods: [HTTPMethod]

    /// Creates the handler.
    public init(complianceClasses: [String], allowedMethods: [HTTPMethod]) {
        self.complianceClasses = complianceClasses
        self.allowedMethods = allowedMethods
    }

    /// Serves OPTIONS.
    public var method: HTTPMethod { .options }

    /// Answers 200 with `DAV`, `Allow` and `MS-Author-Via` (which Windows' WebDAV client wants).
    public func handle(_ request: DAVRequest, in context: DAVContext) throws -> HTTPResponse {
        var headers = HTTPHeaders()
        headers.add(name: "DAV", value: complianceClasses.joined(separator: ", "))
        headers.add(name: "Allow", value: allowedMethods.map(\.rawValue).joined(separator: ", "))
        headers.add(name: "MS-Author-Via", value: "DAV")
        return HTTPResponse(status: .ok, headers: headers)
    }
}
