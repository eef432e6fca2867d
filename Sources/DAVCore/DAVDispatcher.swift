public import HTTPWire

/// Routes a DAV request to the handler registered for its method and renders every error in one place.
///
/// CalDAV and CardDAV add handlers (MKCALENDAR, REPORT…) by registering them; the dispatcher never branches on
/// protocol.
public struct DAVDispatcher: Sendable {
    private let handlers: [HTTPMethod: any MethodHandler]

    /// Creates a dispatcher from handlers; a later handler for the same method replaces an earlier one.
    public init(handlers: [any MethodHandler]) {
        var table: [HTTPMethod: any MethodHandler] = [:]
        for handler in handlers { table[handler.method] = handler }
        self.handlers = table
    }

    /// The methods served, sorted, for `Allow` headers.
    public var allowedMethods: [HTTPMethod] { handlers.keys.sorted { $0.rawValue < $1.rawValue } }

    /// Runs the handler for the request's method; 405 with `Allow` when there is none. Errors become responses:
    /// `DAVError` as itself, body-stream errors as their status, anything else as 500.
    public func dispatch(_ request: DAVRequest, in context: DAVContext) -> HTTPResponse {
        guard let handler = handlers[request.method] else {
            var headers = HTTPHeaders()
            headers.add(name: "Allow", value: allowedMethods.map(\.rawValue).joined(separator: ", "))
            return DAVError(.methodNotAllowed, "\(request.method) is not supported.", headers: headers).response
        }
        do {
            return try handler.handle(request, in: context)
        } catch {
            return Self.render(error)
        }
    }

    /// The response for any error a handler or backend threw.
    public static func render(_ error: any Error) -> HTTPResponse {
        switch error {
        case let error as DAVError:
            return error.response
        case HTTPBodyError.invalid(let parseError):
            var response = HTTPResponse.text(parseError.status, "The request body is invalid: \(parseError).")
            response.headers.add(name: "Connection", value: "close")
            return response
        case HTTPBodyError.timedOut:
            return .text(.requestTimeout, "The request body did not arrive in time.")
        case HTTPBodyError.connectionClosed:
            return .text(.badRequest, "The connection closed before the body ended.")
        default:
            return .text(.internalServerError, "Internal error: \(error)")
        }
    }
}
