public import DAVCore
public import DAVXML
import HTTPWire

/// RFC 6352 §8.6 — the CARDDAV:addressbook-query REPORT: properties to return, a filter, and an optional limit.
///
/// `<!ELEMENT addressbook-query ((DAV:allprop | DAV:propname | DAV:prop)?, filter, limit?)>`
public struct AddressBookQuery: Sendable, Equatable {
    /// What to return for each match.
    public var properties: ReportProperties
    /// Which cards match.
    public var filter: AddressBookFilter
    /// `limit/nresults` (RFC 6352 §8.6.1, §10.6): the most matches the client wants; nil for no limit.
    public var limit: Int?

    /// Creates a query.
    public init(properties: ReportProperties, filter: AddressBookFilter, limit: Int? = nil) {
        self.properties = properties
        self.filter = filter
        self.limit = limit
    }

    /// Decodes a REPORT body whose root is CARDDAV:addressbook-query (RFC 6352 §8.6).
    ///
    /// Throws 400 for another root element or a `nresults` that is not a non-negative integer, 403
    /// `CARDDAV:valid-filter` when `filter` is missing, and the errors of ``AddressBookFilter/init(xml:)`` and
    /// ``AddressDataRequest/init(xml:)``.
    public init(xml root: XMLTree) throws(DAVError) {
        guard root.name == CardDAVElements.addressBookQuery else {
            throw DAVError(.badRequest, "expected CARDDAV:addressbook-query, not \(root.name)")
        }
        guard let filter = root.child(CardDAVElements.filter) else {
            throw CardDAVConditions.forbidden(CardDAVConditions.validFilter, "addressbook-query needs a filter")
        }
        var limit: Int?
        if let element = root.child(CardDAVElements.named("limit")) {
            let text = element.child(CardDAVElements.named("nresults"))?.text.trimmingXMLWhitespace ?? ""
            guard let count = Int(text), count >= 0 else {
                throw DAVError(.badRequest, "CARDDAV:limit needs nresults with a non-negative integer, not \"\(text)\"")
            }
            limit = count
        }
        self.init(
            properties: try ReportProperties(reportBody: root),
            filter: try AddressBookFilter(xml: filter),
            limit: limit
        )
    }
}
