/// Serialises XML for responses: a root element declaring every namespace it was given (well-known ones get
/// their usual prefixes, `D:` for `DAV:`), then elements appended one at a time so large multistatus bodies can
/// stream. A namespace not declared on the root is declared on the element that uses it.
public struct XMLWriter: Sendable {
    private var prefixes: [String: String]
    private var output: [UInt8] = []
    private let root: XMLName

    /// Starts a document whose root element is `root`, declaring `namespaces` (plus the root's own).
    public init(root: XMLName, namespaces: [String] = []) {
        self.root = root
        var prefixes: [String: String] = [:]
        for namespace in [root.namespace] + namespaces where !namespace.isEmpty && prefixes[namespace] == nil {
            prefixes[namespace] = Namespaces.preferredPrefixes[namespace] ?? "ns\(prefixes.count)"
        }
        self.prefixes = prefixes
        output.reserveCapacity(4096)
        output += #"<?xml version="1.0" encoding="utf-8"?>"#.utf8
        output += "\n<".utf8
        output += qualified(root).utf8
        for (namespace, prefix) in prefixes.sorted(by: { $0.value < $1.value }) {
            output += " xmlns:\(prefix)=\"\(XMLWriter.escape(namespace))\"".utf8
        }
        output += ">".utf8
    }

    private init(fragmentRoot: XMLName) {
        root = fragmentRoot
        prefixes = [:]
    }

    /// One element on its own, declaring its namespaces where they are used and without an XML declaration;
    /// dead properties are stored in this form.
    public static func fragment(_ element: XMLTree) -> [UInt8] {
        var writer = XMLWriter(fragmentRoot: element.name)
        writer.write(element)
        return writer.output
    }

    /// Appends a whole element.
    public mutating func write(_ element: XMLTree) {
        var local: [String: String] = [:]
        append(element, localPrefixes: &local)
    }

    /// Takes the bytes written so far (for streaming); the writer keeps going from empty.
    public mutating func drain() -> [UInt8] {
        defer { output.removeAll(keepingCapacity: true) }
        return output
    }

    /// Closes the root element and returns the remaining bytes.
    public mutating func finish() -> [UInt8] {
        output += "</\(qualified(root))>\n".utf8
        return drain()
    }

    /// A complete document for one tree (attributes of the root element are not written).
    public static func document(_ tree: XMLTree) -> [UInt8] {
        var writer = XMLWriter(root: tree.name, namespaces: namespaces(in: tree))
        for child in tree.children {
            switch child {
            case .element(let element): writer.write(element)
            case .text(let text): writer.output += escapeText(text).utf8
            }
        }
        return writer.finish()
    }

    /// Every namespace used in a tree, sorted.
    public static func namespaces(in tree: XMLTree) -> [String] {
        var found: Set<String> = [tree.name.namespace]
        var pending = tree.elements
        while let element = pending.popLast() {
            found.insert(element.name.namespace)
            pending += element.elements
        }
        return found.filter { !$0.isEmpty }.sorted()
    }

    private func qualified(_ name: XMLName) -> String {
        guard let prefix = prefixes[name.namespace] else { return name.localName }
        return prefix + ":" + name.localName
    }

    private mutating func append(_ element: XMLTree, localPrefixes: inout [String: String]) {
        let namespace = element.name.namespace
        var declaration = ""
        var name = element.name.localName
        if namespace.isEmpty {
            name = element.name.localName
        } else if let prefix = prefixes[namespace] ?? localPrefixes[namespace] {
            name = prefix + ":" + element.name.localName
        } else {
            let prefix = "x\(localPrefixes.count)"
            localPrefixes[namespace] = prefix
            declaration = " xmlns:\(prefix)=\"\(XMLWriter.escape(namespace))\""
            name = prefix + ":" + element.name.localName
        }
        // A prefix declared here is in scope for this element's subtree only.
        defer { if !declaration.isEmpty { localPrefixes[namespace] = nil } }
        output += "<\(name)\(declaration)".utf8
        for (attribute, value) in element.attributes.sorted(by: { $0.key < $1.key }) {
            let attributeName =
                attribute.namespace == "http://www.w3.org/XML/1998/namespace"
                ? "xml:" + attribute.localName : attribute.localName
            output += " \(attributeName)=\"\(XMLWriter.escape(value))\"".utf8
        }
        if element.children.isEmpty {
            output += "/>".utf8
            return
        }
        output += ">".utf8
        for child in element.children {
            switch child {
            case .element(let nested): append(nested, localPrefixes: &localPrefixes)
            case .text(let text): output += XMLWriter.escapeText(text).utf8
            }
        }
        output += "</\(name)>".utf8
    }

    /// Escapes `& < >` for character data, and CR as `&#13;` so a reader's line-end normalisation (XML 1.0 §2.11)
    /// does not turn a stored CR LF into LF.
    public static func escapeText(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x0D }) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\r": result += "&#13;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Escapes `& < > " '` for attribute values, and TAB, LF and CR as character references so a reader's
    /// attribute-value normalisation (XML 1.0 §3.3.3) does not turn them into spaces.
    public static func escape(_ text: String) -> String {
        guard
            text.utf8.contains(where: {
                $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 || $0 < 0x20
            })
        else {
            return text
        }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\t": result += "&#9;"
            case "\n": result += "&#10;"
            case "\r": result += "&#13;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
