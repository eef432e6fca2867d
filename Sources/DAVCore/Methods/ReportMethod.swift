import DAVXML
public import HTTPWire

/// REPORT (RFC 3253 §3.6): finds the report named by the body's root element and runs it on the target.
/// An unknown report, or one not supported on the target, gets 403 with `DAV:supported-report`.
public struct ReportMethod: MethodHandler {
    /// The reports served.
    public let registry: ReportRegistry

    /// Creates the handler.
    public init(registry: ReportRegistry) { self.registry = registry }

    /// Serves REPORT.
    public var method: HTTPMethod { .report }

    /// Runs the report.
    public func handle(_ request: DAVRequest, in context: DAVContext) throws -> HTTPResponse {
        guard let body = try context.readXMLBody(of: request) else {
            throw DAVError(.badRequest, "REPORT needs a body naming the report.")
        }
        guard let resource = try context.backend.resource(at: request.path, as: request.principal) else {
            throw DAVError.notFound(request.path)
        }
        guard let report = registry.report(named: body.name), report.isSupported(on: resource) else {
            throw DAVError(
                .forbidden,
                condition: .dav("supported-report"),
                "The report \(body.name) is not supported on \(request.path)."
            )
        }
        return try report.report(body, on: resource, request: request, in: context)
    }
}
