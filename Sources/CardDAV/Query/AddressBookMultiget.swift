public import DAVCore
public import DAVXML
import HTTPWire

/// RFC 6352 §8.7 — the CARDDAV:addressbook-multiget REPORT: properties to return for a list of address objects.
///
/// `<!ELEMENT addressbook-multiget ((DAV:allprop | DAV:propname | DAV:prop)?, DAV:href+)>`
public struct AddressBookMultiget: Sendable, Equatable {
    /// What to return for each resource.
    public var properties: ReportProperties
    /// The requested hrefs, in request order, as written (trimmed of white space).
    public var hrefs: [String]

    /// Creates a multiget request.
    public init(properties: ReportProperties, hrefs: [String]) {
        self.properties = properties
        self.hrefs = hrefs
    }

    /// Decodes a REPORT body whose root is CARDDAV:addressbook-multiget (RFC 6352 §8.7).
    ///
    /// Throws 400 for another root element or no `DAV:href`, and the errors of ``AddressDataRequest/init(xml:)``.
    public init(xml root: XMLTree) throws(DAVError) {
        guard root.name == CardDAVElements.addressBookMultiget else {
            throw DAVError(.badRequest, "expected CARDDAV:addressbook-multiget, not \(root.name)")
        }
        let hrefs = root.children(named: .dav("href")).map(\.text.trimmingASCIIWhitespace)
        guard !hrefs.isEmpty, !hrefs.contains("") else {
            throw DAVError(.badRequest, "addressbook-multiget needs at least one non-empty DAV:href")
        }
        self.init(properties: try ReportProperties(reportBody: root), hrefs: hrefs)
    }
}
