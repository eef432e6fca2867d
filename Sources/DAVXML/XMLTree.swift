/// A parsed XML element: name, attributes, children and text, in document order. Small request bodies
/// (PROPFIND, PROPPATCH, REPORT) are read into this tree; dead properties are stored as its serialisation.
public struct XMLTree: Hashable, Sendable {
    /// A child node: an element or a run of character data.
    public enum Node: Hashable, Sendable {
        /// A child element.
        case element(XMLTree)
        /// Character data (entity references already resolved).
        case text(String)
    }

    /// The element's expanded name.
    public var name: XMLName
    /// Attributes by expanded name (namespace declarations excluded).
    public var attributes: [XMLName: String]
    /// Children in document order.
    public var children: [Node]

    /// Creates an element.
    public init(_ name: XMLName, attributes: [XMLName: String] = [:], children: [Node] = []) {
        self.name = name
        self.attributes = attributes
        self.children = children
    }

    /// Creates an element holding only text.
    public init(_ name: XMLName, text: String) {
        self.init(name, children: [.text(text)])
    }

    /// The child elements, in order.
    public var elements: [XMLTree] {
        children.compactMap { node in
            if case .element(let element) = node { return element }
            return nil
        }
    }

    /// The first child element with this name (found without collecting the child elements first).
    public func child(_ name: XMLName) -> XMLTree? {
        for case .element(let element) in children where element.name == name { return element }
        return nil
    }

    /// All child elements with this name.
    public func children(named name: XMLName) -> [XMLTree] {
        var found: [XMLTree] = []
        for case .element(let element) in children where element.name == name { found.append(element) }
        return found
    }

    /// The concatenated character data of this element's direct text children.
    public var text: String {
        children.reduce(into: "") { result, node in
            if case .text(let text) = node { result += text }
        }
    }
}
