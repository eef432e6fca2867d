public import DAVCore
public import DAVXML
public import HTTPWire

/// The `addressbook-multiget` report (RFC 6352 §8.7): the requested properties and address data of the vCards
/// named by `DAV:href`, read in one store query per address book; hrefs that name nothing get 404.
public struct AddressBookMultigetReport: ReportHandler {
    /// Creates the report.
    public init() {}

    /// `{urn:ietf:params:xml:ns:carddav}addressbook-multiget`.
    public var name: XMLName { CardDAVElements.addressBookMultiget }

    /// Address books, and the vCards in them.
    public func isSupported(on resource: DAVResource) -> Bool {
        resource.kind == .addressBook
            || (!resource.isCollection && resource.contentType?.hasPrefix("text/vcard") == true)
    }

    /// Answers with one response per href.
    public func report(_ body: XMLTree, on resource: DAVResource, request: DAVRequest, in context: DAVContext) throws
        -> HTTPResponse
    {
        guard let backend = context.backend as? any ObjectBackend else {
            throw DAVError(.forbidden, condition: .dav("supported-report"), "This server holds no address books.")
        }
        let multiget = try AddressBookMultiget(xml: body)
        var requested: [DAVPath] = []
        requested.reserveCapacity(multiget.hrefs.count)
        for href in multiget.hrefs {
            guard let path = DAVPath(href: href) else { throw DAVError(.badRequest, "\(href) is not a valid href.") }
            requested.append(path)
        }
        let (objects, missing) = try ObjectFetch.fetch(requested, from: backend, as: request.principal)
        let renderer = AddressDataRenderer()
        let dataRequest = multiget.properties.addressData ?? AddressDataRequest()
        return try ObjectReportResponse(
            dataProperty: CardDAVElements.addressData,
            selection: multiget.properties.selection
        ).response(
            objects: objects,
            missing: missing,
            request: request,
            context: context,
            renderKey: dataRequest,
            keepsResponses: false
        ) { object in
            ObjectData(bytes: try renderer.render(object.bytes, for: dataRequest))
        }
    }
}
