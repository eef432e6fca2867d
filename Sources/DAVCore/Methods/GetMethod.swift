public import HTTPWire

/// GET and HEAD (RFC 9110 §9.3.1–2): a file's bytes with ETag, Last-Modified, conditional requests and single
/// byte ranges (RFC 9110 §14); a calendar or address book as one `.ics` / `.vcf` export (`CollectionExport`)
/// unless the client asks for HTML; any other collection, and those for browsers, as an HTML listing.
public struct GetMethod: MethodHandler {
    /// `.get` or `.head`; the server omits the body for HEAD.
    public let method: HTTPMethod

    /// Creates the handler for GET or HEAD.
    public init(method: HTTPMethod) { self.method = method }

    /// Serves the representation.
    public func handle(_ request: DAVRequest, in context: DAVContext) throws -> HTTPResponse {
        guard let (current, content) = try context.backend.content(at: request.path, as: request.principal) else {
            guard let resource = try context.backend.resource(at: request.path, as: request.principal) else {
                throw DAVError.notFound(request.path)
            }
            if let exporter = context.exports[resource.kind], !ExportResponse.prefersHTML(request.headers) {
                return try ExportResponse.response(
                    for: resource,
                    exporter: exporter,
                    request: request,
                    context: context
                )
            }
            let members = try context.backend.members(of: request.path, as: request.principal)
            return CollectionListing.response(for: resource, members: members)
        }
        switch ConditionalRequest.evaluate(request.headers, method: method, state: current.conditionalState) {
        case .proceed: break
        case .notModified: return HTTPResponse(status: .notModified, headers: Self.validators(of: current))
        case .preconditionFailed: throw DAVError.preconditionFailed
        }
        if let converted = try alternate(of: current, content: content, request: request, context: context) {
            return converted
        }
        var headers = Self.validators(of: current)
        headers.add(name: "Content-Type", value: current.contentType ?? "application/octet-stream")
        headers.add(name: "Accept-Ranges", value: "bytes")
        let total = current.contentLength
        switch ByteRange.evaluate(request.headers, totalLength: total, state: current.conditionalState) {
        case .full:
            return HTTPResponse(status: .ok, headers: headers, body: Self.body(content, offset: 0, length: total))
        case .partial(let offset, let length):
            headers.add(name: "Content-Range", value: "bytes \(offset)-\(offset + length - 1)/\(total)")
            return HTTPResponse(
                status: .partialContent,
                headers: headers,
                body: Self.body(content, offset: offset, length: length)
            )
        case .unsatisfiable:
            headers.add(name: "Content-Range", value: "bytes */\(total)")
            return HTTPResponse(status: .rangeNotSatisfiable, headers: headers)
        }
    }

    /// The object in the form the client's `Accept` prefers, when its stored type has alternate representations
    /// and the client asks for one; each gets its own strong ETag (the stored one with a suffix), and `Vary`.
    private func alternate(
        of resource: DAVResource,
        content: DAVContent,
        request: DAVRequest,
        context: DAVContext
    ) throws -> HTTPResponse? {
        guard !context.representations.isEmpty, let stored = resource.contentType.map(MediaTypes.essence),
            let representation = context.representations[stored], case .bytes(let bytes) = content
        else { return nil }
        guard let converted = try representation.representation(of: bytes, for: request.headers) else { return nil }
        var headers = HTTPHeaders()
        if let etag = resource.etag {
            let suffix =
                converted.mediaType.split(separator: ";").first.map { $0.split(separator: "/").last ?? "" } ?? ""
            headers.add(name: "ETag", value: "\"\(etag.opaqueTag)-\(suffix)\"")
        }
        headers.add(name: "Last-Modified", value: HTTPDate.format(epochSeconds: resource.lastModified))
        headers.add(name: "Content-Type", value: converted.mediaType)
        headers.add(name: "Vary", value: "Accept, CalDAV-Timezones")
        return HTTPResponse(status: .ok, headers: headers, body: .bytes(converted.bytes), isCompressible: true)
    }

    /// `ETag` and `Last-Modified` of a resource.
    static func validators(of resource: DAVResource) -> HTTPHeaders {
        var headers = HTTPHeaders()
        if let etag = resource.etag { headers.add(name: "ETag", value: etag.description) }
        headers.add(name: "Last-Modified", value: HTTPDate.format(epochSeconds: resource.lastModified))
        return headers
    }

    private static func body(_ content: DAVContent, offset: Int64, length: Int64) -> HTTPResponseBody {
        switch content {
        case .bytes(let bytes):
            let start = Int(offset)
            return .bytes(Array(bytes[start..<(start + Int(length))]))
        case .file(let path, _):
            return .file(path: path, offset: offset, length: length)
        }
    }
}
