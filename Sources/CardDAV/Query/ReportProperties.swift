public import DAVCore
public import DAVXML

/// The property part of an addressbook-query or addressbook-multiget body (RFC 6352 §8.6, §8.7):
/// `DAV:allprop`, `DAV:propname` or `DAV:prop`, and the CARDDAV:address-data options when `prop` asks for it.
public struct ReportProperties: Sendable, Equatable {
    /// The WebDAV properties asked for, `CARDDAV:address-data` included by name.
    public var selection: DAVCore.PropertySelection
    /// The address-data options, when `DAV:prop` lists `CARDDAV:address-data`.
    public var addressData: AddressDataRequest?

    /// Creates a property request.
    public init(selection: DAVCore.PropertySelection, addressData: AddressDataRequest? = nil) {
        self.selection = selection
        self.addressData = addressData
    }

    /// Reads the property request among the children of a REPORT body; none of the three means `allprop`,
    /// as for PROPFIND (RFC 4918 §9.1).
    public init(reportBody root: XMLTree) throws(DAVError) {
        if root.child(.dav("propname")) != nil {
            self.init(selection: .propertyNames)
        } else if let prop = root.child(.dav("prop")) {
            let addressData = try prop.child(CardDAVElements.addressData).map { (element) throws(DAVError) in
                try AddressDataRequest(xml: element)
            }
            self.init(selection: .properties(prop.elements.map(\.name)), addressData: addressData)
        } else {
            let include = root.child(.dav("include"))?.elements.map(\.name) ?? []
            self.init(selection: .allProperties(include: include))
        }
    }
}
