/// A dead property (RFC 4918 §4.1): stored verbatim, never interpreted by the server.
public struct DeadProperty: Sendable, Hashable {
    /// The property's XML namespace URI ("" for no namespace).
    public var namespace: String
    /// The property's local name.
    public var name: String
    /// The property element serialised verbatim.
    public var xml: String

    /// Creates a value.
    public init(namespace: String, name: String, xml: String) {
        self.namespace = namespace
        self.name = name
        self.xml = xml
    }
}
