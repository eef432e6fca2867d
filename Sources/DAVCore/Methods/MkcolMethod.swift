public import HTTPWire

/// MKCOL (RFC 4918 §9.3): creates a plain collection. A body is refused with 415 (extended MKCOL, RFC 5689, is
/// registered by the layers that understand it); an existing target gets 405, a missing parent 409.
public struct MkcolMethod: MethodHandler {
    /// Creates the handler.
    public init() {}

    /// Serves MKCOL.
    public var method: HTTPMethod { .mkcol }

    /// Creates the collection.
    public func handle(_ request: DAVRequest, in context: DAVContext) throws -> HTTPResponse {
        if request.hasBody {
            let body = try request.http.body.readAll(limit: context.maxParsedBodySize)
            if !body.isEmpty { throw DAVError(.unsupportedMediaType, "MKCOL with a body is not supported here.") }
        }
        if try context.backend.resource(at: request.path, as: request.principal) != nil {
            throw DAVError(.methodNotAllowed, "\(request.path) already exists.")
        }
        try context.checkLocks(forWriting: [.resource(request.path), .membership(of: request.path)], request: request)
        let resource = try context.backend.makeCollection(at: request.path, as: request.principal)
        var headers = HTTPHeaders()
        headers.add(name: "Location", value: resource.path.encoded)
        return HTTPResponse(status: .created, headers: headers)
    }
}
