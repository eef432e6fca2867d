public import DAVXML
public import HTTPWire

/// MKCOL (RFC 4918 §9.3) and extended MKCOL (RFC 5689 §3): creates a plain collection, or — with a `DAV:mkcol`
/// body whose `resourcetype` names a calendar or address book — a collection of that kind with the body's
/// properties. Any other body is refused with 415; an existing target gets 405, a missing parent 409.
public struct MkcolMethod: MethodHandler {
    /// Collection kinds by the `resourcetype` child that marks them, e.g. `{…caldav}calendar` → `.calendar`.
    private let kindsByResourceType: [XMLName: ResourceKind]

    /// Creates the handler from the `resourcetype` children of each collection kind.
    public init(resourceTypes: [ResourceKind: [XMLName]] = [:]) {
        var kinds: [XMLName: ResourceKind] = [:]
        for (kind, names) in resourceTypes where kind.isCollection && !kind.isSynthesised {
            for name in names { kinds[name] = kind }
        }
        kindsByResourceType = kinds
    }

    /// Serves MKCOL.
    public var method: HTTPMethod { .mkcol }

    /// Creates the collection.
    public func handle(_ request: DAVRequest, in context: DAVContext) throws -> HTTPResponse {
        var kind = ResourceKind.folder
        var properties: [XMLTree] = []
        if request.hasBody {
            let body = try request.http.body.readAll(limit: context.maxParsedBodySize)
            if !body.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
                let mediaType = request.headers["Content-Type"].map(MediaTypes.essence) ?? ""
                guard mediaType.hasSuffix("/xml"), let tree = try? XMLReader().parse(body),
                    tree.name == .dav("mkcol")
                else {
                    throw DAVError(.unsupportedMediaType, "MKCOL accepts only an extended MKCOL (DAV:mkcol) body.")
                }
                let all = CollectionCreation.properties(in: tree)
                properties = all.filter { $0.name != .dav("resourcetype") }
                kind = try self.kind(from: all.first { $0.name == .dav("resourcetype") })
            }
        }
        return try CollectionCreation.create(request, kind: kind, properties: properties, in: context)
    }

    /// The kind a `resourcetype` asks for: plain unless it names a known collection type (RFC 5689 §3.2
    /// `valid-resourcetype` otherwise).
    private func kind(from resourceType: XMLTree?) throws -> ResourceKind {
        guard let resourceType else { return .folder }
        var kind = ResourceKind.folder
        for element in resourceType.elements where element.name != .dav("collection") {
            guard let known = kindsByResourceType[element.name] else {
                throw DAVError(
                    .forbidden,
                    condition: .dav("valid-resourcetype"),
                    "The resource type \(element.name) cannot be created."
                )
            }
            kind = known
        }
        return kind
    }
}
