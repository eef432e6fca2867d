/// Serialises XML for responses: a root element declaring every namespace it was given (well-known ones get
/// their usual prefixes, `D:` for `DAV:`), then elements appended one at a time so large multistatus bodies can
/// stream. A namespace not declared on the root is declared on the element that uses it.
public struct XMLWriter: Sendable {
    private var prefixes: [String: String]
    /// The prefix of `DAV:` when the root declares it.
    private let davPrefix: String?
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
        davPrefix = prefixes[Namespaces.dav]
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
        davPrefix = nil
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

    /// Opens an element whose namespace is declared on the root (for writing large documents piece by piece).
    public mutating func open(_ name: XMLName) {
        output.append(UInt8(ascii: "<"))
        appendName(rootPrefix(for: name.namespace), name.localName)
        output.append(UInt8(ascii: ">"))
    }

    /// Closes an element opened with ``open(_:)``.
    public mutating func close(_ name: XMLName) {
        output += "</".utf8
        appendName(rootPrefix(for: name.namespace), name.localName)
        output.append(UInt8(ascii: ">"))
    }

    /// Appends character data, escaped.
    public mutating func text(_ text: String) {
        Self.appendEscaped(text, attribute: false, into: &output)
    }

    /// Appends markup this writer produced earlier (``startTag(_:)``, ``endTag(_:)``, ``serialized(_:)``) or that a
    /// caller assembled from it; large listings write their repeated parts this way instead of element by element.
    public mutating func appendMarkup(_ markup: [UInt8]) {
        output.append(contentsOf: markup)
    }

    /// The bytes ``open(_:)`` appends for `name`.
    public func startTag(_ name: XMLName) -> [UInt8] {
        var tag: [UInt8] = [UInt8(ascii: "<")]
        Self.appendName(rootPrefix(for: name.namespace), name.localName, to: &tag)
        tag.append(UInt8(ascii: ">"))
        return tag
    }

    /// The bytes ``close(_:)`` appends for `name`.
    public func endTag(_ name: XMLName) -> [UInt8] {
        var tag: [UInt8] = Array("</".utf8)
        Self.appendName(rootPrefix(for: name.namespace), name.localName, to: &tag)
        tag.append(UInt8(ascii: ">"))
        return tag
    }

    /// The bytes ``write(_:)`` would append for `element`, without appending them.
    public func serialized(_ element: XMLTree) -> [UInt8] {
        var copy = self
        copy.output = []
        copy.write(element)
        return copy.output
    }

    /// Appends `text` escaped as ``text(_:)`` does, to a caller's buffer.
    public static func appendEscapedText(_ text: String, to output: inout [UInt8]) {
        appendEscaped(text, attribute: false, into: &output)
    }

    /// Appends UTF-8 `text` escaped as ``text(_:)`` does, to a caller's buffer.
    public static func appendEscapedText(utf8 text: [UInt8], to output: inout [UInt8]) {
        text.withUnsafeBufferPointer { appendEscaped(utf8: $0, attribute: false, into: &output) }
    }

    /// Bytes written and not yet drained.
    public var bufferedCount: Int { output.count }

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
            case .text(let text): appendEscaped(text, attribute: false, into: &writer.output)
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

    /// The prefix declared on the root for `namespace`; answers `DAV:` — nearly every element of a multistatus —
    /// without hashing.
    private func rootPrefix(for namespace: String) -> String? {
        if namespace == Namespaces.dav, let davPrefix { return davPrefix }
        return prefixes[namespace]
    }

    private func qualified(_ name: XMLName) -> String {
        guard let prefix = prefixes[name.namespace] else { return name.localName }
        return prefix + ":" + name.localName
    }

    private mutating func append(_ element: XMLTree, localPrefixes: inout [String: String]) {
        let namespace = element.name.namespace
        var prefix: String?
        var declared = false
        if namespace == Self.xmlNamespace {
            // Bound to `xml` by definition; no other prefix may be bound to it (Namespaces in XML §3).
            prefix = "xml"
        } else if !namespace.isEmpty {
            prefix = rootPrefix(for: namespace) ?? localPrefixes[namespace]
            if prefix == nil {
                let fresh = "x\(localPrefixes.count)"
                localPrefixes[namespace] = fresh
                prefix = fresh
                declared = true
            }
        }
        var declarations = declared ? [namespace] : []
        // Prefixes declared here are in scope for this element's subtree only.
        defer { for declaration in declarations { localPrefixes[declaration] = nil } }
        var attributePrefixes: [String: String] = [:]
        for attribute in element.attributes.keys
        where !attribute.namespace.isEmpty && attribute.namespace != Self.xmlNamespace
            && attributePrefixes[attribute.namespace] == nil
        {
            // An attribute in a namespace needs a prefix (Namespaces in XML §6.3); declare one if none is in scope.
            if let known = rootPrefix(for: attribute.namespace) ?? localPrefixes[attribute.namespace] {
                attributePrefixes[attribute.namespace] = known
            } else {
                let fresh = "x\(localPrefixes.count)"
                localPrefixes[attribute.namespace] = fresh
                attributePrefixes[attribute.namespace] = fresh
                declarations.append(attribute.namespace)
            }
        }
        output.append(UInt8(ascii: "<"))
        appendName(prefix, element.name.localName)
        for declaration in declarations {
            output += " xmlns:".utf8
            output += (localPrefixes[declaration] ?? "").utf8
            output += "=\"".utf8
            Self.appendEscaped(declaration, attribute: true, into: &output)
            output.append(UInt8(ascii: "\""))
        }
        if !element.attributes.isEmpty {
            let attributes =
                element.attributes.count == 1
                ? Array(element.attributes) : element.attributes.sorted(by: { $0.key < $1.key })
            for (attribute, value) in attributes {
                output.append(UInt8(ascii: " "))
                if attribute.namespace == Self.xmlNamespace {
                    output += "xml:".utf8
                } else if let attributePrefix = attributePrefixes[attribute.namespace] {
                    output += attributePrefix.utf8
                    output.append(UInt8(ascii: ":"))
                }
                output += attribute.localName.utf8
                output += "=\"".utf8
                Self.appendEscaped(value, attribute: true, into: &output)
                output.append(UInt8(ascii: "\""))
            }
        }
        if element.children.isEmpty {
            output += "/>".utf8
            return
        }
        output.append(UInt8(ascii: ">"))
        for child in element.children {
            switch child {
            case .element(let nested): append(nested, localPrefixes: &localPrefixes)
            case .text(let text): Self.appendEscaped(text, attribute: false, into: &output)
            }
        }
        output += "</".utf8
        appendName(prefix, element.name.localName)
        output.append(UInt8(ascii: ">"))
    }

    private static let xmlNamespace = "http://www.w3.org/XML/1998/namespace"

    private mutating func appendName(_ prefix: String?, _ localName: String) {
        Self.appendName(prefix, localName, to: &output)
    }

    private static func appendName(_ prefix: String?, _ localName: String, to output: inout [UInt8]) {
        if let prefix {
            output += prefix.utf8
            output.append(UInt8(ascii: ":"))
        }
        output += localName.utf8
    }

    /// Appends `text` escaped for character data (`& < >`, and CR as `&#13;` so parsers do not turn CRLF into
    /// LF) or, with `attribute`, for a quoted attribute value (also `" '` and TAB/LF as character references, which
    /// attribute-value normalisation would otherwise turn into spaces), scanning the UTF-8 bytes once.
    private static func appendEscaped(_ text: String, attribute: Bool, into output: inout [UInt8]) {
        var text = text
        text.withUTF8 { appendEscaped(utf8: $0, attribute: attribute, into: &output) }
    }

    /// The bytes character data escapes (`& < >` and CR), as bits of a mask.
    private static let textSpecials: UInt64 = 1 << 0x26 | 1 << 0x3C | 1 << 0x3E | 1 << 0x0D
    /// The bytes an attribute value escapes: those of character data and `" '`, TAB and LF.
    private static let attributeSpecials: UInt64 = textSpecials | 1 << 0x22 | 1 << 0x27 | 1 << 0x09 | 1 << 0x0A

    private static func appendEscaped(
        utf8 bytes: UnsafeBufferPointer<UInt8>,
        attribute: Bool,
        into output: inout [UInt8]
    ) {
        // Every byte that may need a reference is below 0x40: one bit each in a mask tells them apart.
        let special: UInt64 = attribute ? attributeSpecials : textSpecials
        var start = 0
        for index in 0..<bytes.count {
            let byte = bytes[index]
            guard byte < 0x40, special & (1 << UInt64(byte)) != 0 else { continue }
            let replacement: StaticString
            switch byte {
            case 0x26: replacement = "&amp;"
            case 0x3C: replacement = "&lt;"
            case 0x3E: replacement = "&gt;"
            case 0x0D: replacement = "&#13;"
            case 0x22 where attribute: replacement = "&quot;"
            case 0x27 where attribute: replacement = "&apos;"
            case 0x09 where attribute: replacement = "&#9;"
            case 0x0A where attribute: replacement = "&#10;"
            default: continue
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
            output.append(
                contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount)
            )
            start = index + 1
        }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<bytes.count]))
    }

    /// Escapes `& < >` for character data, and CR as `&#13;` so a reader's line-end normalisation (XML 1.0 §2.11)
    /// does not turn a stored CR LF into LF.
    public static func escapeText(_ text: String) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count + 16)
        appendEscaped(text, attribute: false, into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Escapes `& < > " '` for attribute values, and TAB, LF and CR as character references so a reader's
    /// attribute-value normalisation (XML 1.0 §3.3.3) does not turn them into spaces.
    public static func escape(_ text: String) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count + 16)
        appendEscaped(text, attribute: true, into: &output)
        return String(decoding: output, as: UTF8.self)
    }
}
