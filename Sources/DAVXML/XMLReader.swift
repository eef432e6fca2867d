import Foundation
import FoundationXML

/// Reads a request body into an `XMLTree`, refusing what makes XML dangerous: any DOCTYPE or entity declaration
/// (external entities, billion laughs) is rejected before parsing, external entities are never resolved, and
/// nesting depth and element count are bounded.
public struct XMLReader: Sendable {
    /// Deepest element nesting accepted.
    public var maxDepth: Int
    /// Most elements accepted.
    public var maxElements: Int

    /// Creates a reader with limits suited to DAV request bodies.
    public init(maxDepth: Int = 64, maxElements: Int = 200_000) {
        self.maxDepth = maxDepth
        self.maxElements = maxElements
    }

    /// Parses `bytes`; throws `XMLReaderError`. Plain documents (`PlainXMLReader`) are read without the system
    /// parser; the rest go through it.
    public func parse(_ bytes: [UInt8]) throws(XMLReaderError) -> XMLTree {
        if let tree = PlainXMLReader(maxDepth: maxDepth, maxElements: maxElements).read(bytes) { return tree }
        return try parseWithSystemParser(bytes)
    }

    /// Parses `bytes` with the system parser, after refusing what it must not see.
    func parseWithSystemParser(_ bytes: [UInt8]) throws(XMLReaderError) -> XMLTree {
        guard bytes.contains(where: { $0 == UInt8(ascii: "<") }) else { throw .empty }
        if Self.declaresDocumentType(bytes) { throw .documentTypeDeclarationRefused }
        // FoundationXML traps (killing the whole server) on an element or prefix name that is not UTF-8, which
        // libxml2 passes through in a document it reads as UTF-8; such a document is malformed anyway.
        if Self.isReadAsUTF8(bytes), String(validating: bytes, as: UTF8.self) == nil {
            throw .malformed("the body is not valid UTF-8", line: 1)
        }
        // FoundationXML crashes (strlen of a null pointer) on a processing instruction without data, such as
        // `<?xmllns:b?>`; DAV bodies have no use for processing instructions, so only the XML declaration passes.
        if let line = Self.lineOfProcessingInstruction(bytes) {
            throw .malformed("processing instructions other than the XML declaration are refused", line: line)
        }
        if let line = Self.lineBindingPrefixToEmptyNamespace(bytes) {
            throw .malformed("a namespace prefix is bound to the empty name (Namespaces in XML 1.0 §3)", line: line)
        }
        let parser = XMLParser(data: Data(bytes))
        parser.shouldProcessNamespaces = true
        parser.shouldReportNamespacePrefixes = true
        parser.shouldResolveExternalEntities = false
        let builder = TreeBuilder(maxDepth: maxDepth, maxElements: maxElements)
        parser.delegate = builder
        let ok = parser.parse()
        if let failure = builder.failure { throw failure }
        guard ok, parser.parserError == nil, let root = builder.root else {
            let message = parser.parserError.map { String(describing: $0) } ?? "unexpected end of document"
            throw .malformed(message, line: parser.lineNumber)
        }
        return root
    }

    /// The line of a `<?` that does not open the XML declaration at the very start (after a byte order mark), in
    /// UTF-8 or UTF-16/32 (NUL bytes between the characters are skipped); nil when there is none.
    static func lineOfProcessingInstruction(_ bytes: [UInt8]) -> Int? {
        var line = 1
        var sawContent = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A { line += 1 }
            if byte == UInt8(ascii: "<"), let next = Self.nextNonNull(bytes, after: index),
                bytes[next] == UInt8(ascii: "?")
            {
                if sawContent || !Self.startsDeclaration(bytes, after: next) { return line }
            }
            if byte != 0, byte != 0xEF, byte != 0xBB, byte != 0xBF, byte != 0xFE, byte != 0xFF {
                sawContent = true
            }
            index += 1
        }
        return nil
    }

    private static func nextNonNull(_ bytes: [UInt8], after index: Int) -> Int? {
        var cursor = index + 1
        while cursor < bytes.count, bytes[cursor] == 0 { cursor += 1 }
        return cursor < bytes.count ? cursor : nil
    }

    /// Whether the characters after the `?` at `index` are `xml` and white space.
    private static func startsDeclaration(_ bytes: [UInt8], after index: Int) -> Bool {
        var cursor = index
        for expected in Array("xml".utf8) + [0x20] {
            guard let next = nextNonNull(bytes, after: cursor) else { return false }
            let byte = bytes[next]
            let matches = expected == 0x20 ? [0x20, 0x09, 0x0A, 0x0D].contains(byte) : byte == expected
            guard matches else { return false }
            cursor = next
        }
        return true
    }

    /// The line of an `xmlns:p=""` declaration, which Namespaces in XML 1.0 §3 forbids and the system parser
    /// accepts; nil when there is none. Only markup is looked at (between `<` and `>`, outside quoted attribute
    /// values): the same characters in text content are no declaration.
    static func lineBindingPrefixToEmptyNamespace(_ bytes: [UInt8]) -> Int? {
        let marker = Array("xmlns:".utf8)
        var index = 0
        var line = 1
        var inMarkup = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A { line += 1 }
            if !inMarkup {
                inMarkup = byte == UInt8(ascii: "<")
                index += 1
                continue
            }
            switch byte {
            case UInt8(ascii: ">"):
                inMarkup = false
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                index += 1
                while index < bytes.count, bytes[index] != byte {
                    if bytes[index] == 0x0A { line += 1 }
                    index += 1
                }
            case marker[0]
            where index + marker.count < bytes.count
                && bytes[index..<(index + marker.count)].elementsEqual(marker):
                var cursor = index + marker.count
                while cursor < bytes.count, bytes[cursor] != UInt8(ascii: "="), bytes[cursor] != UInt8(ascii: ">") {
                    cursor += 1
                }
                guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: "=") else { break }
                cursor += 1
                while cursor < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[cursor]) { cursor += 1 }
                if cursor + 1 < bytes.count, bytes[cursor] == UInt8(ascii: "\"") || bytes[cursor] == UInt8(ascii: "'"),
                    bytes[cursor + 1] == bytes[cursor]
                {
                    return line
                }
                index = cursor - 1
            default:
                break
            }
            index += 1
        }
        return nil
    }

    /// Whether the parser reads the document as UTF-8: unless it starts with a UTF-16/32 byte-order mark or with
    /// `<?` in UTF-16/32 (the only ways to signal those, XML 1.0 appendix F), or its XML declaration names another
    /// encoding (which the parser converts to UTF-8 itself).
    static func isReadAsUTF8(_ bytes: [UInt8]) -> Bool {
        let start = Array(bytes.prefix(4))
        let wide: [[UInt8]] = [
            [0xFE, 0xFF], [0xFF, 0xFE], [0x00, 0x00, 0xFE, 0xFF], [0x3C, 0x00, 0x3F, 0x00], [0x00, 0x3C, 0x00, 0x3F],
            [0x00, 0x00, 0x00, 0x3C], [0x3C, 0x00, 0x00, 0x00],
        ]
        if wide.contains(where: { start.starts(with: $0) }) { return false }
        guard bytes.starts(with: Array("<?xml".utf8)), let end = bytes.prefix(200).firstIndex(of: UInt8(ascii: ">"))
        else { return true }
        let declaration = String(decoding: bytes[..<end], as: UTF8.self).lowercased()
        guard let range = declaration.range(of: "encoding") else { return true }
        let value = declaration[range.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\"" || $0 == "'" }
        return value.hasPrefix("utf-8") || value.hasPrefix("utf8")
    }

    /// Whether `<!DOCTYPE` or `<!ENTITY` appears anywhere (ASCII case-insensitive).
    static func declaresDocumentType(_ bytes: [UInt8]) -> Bool {
        let markers = [Array("<!DOCTYPE".utf8), Array("<!ENTITY".utf8)]
        guard bytes.count >= 8 else { return false }
        for index in 0..<(bytes.count - 1)
        where bytes[index] == UInt8(ascii: "<") && bytes[index + 1] == UInt8(ascii: "!") {
            for marker in markers where index + marker.count <= bytes.count {
                let candidate = bytes[index..<(index + marker.count)]
                if zip(candidate, marker).allSatisfy({ $0 | 0x20 == $1 | 0x20 }) { return true }
            }
        }
        return false
    }
}

/// Builds the tree from parser callbacks and enforces the limits.
private final class TreeBuilder: NSObject, XMLParserDelegate {
    let maxDepth: Int
    let maxElements: Int
    var stack: [XMLTree] = []
    var root: XMLTree?
    var failure: XMLReaderError?
    var elementCount = 0
    /// Namespace prefixes in scope: prefix → the namespaces bound to it, innermost last.
    var bindings: [String: [String]] = [:]

    init(maxDepth: Int, maxElements: Int) {
        self.maxDepth = maxDepth
        self.maxElements = maxElements
    }

    func parser(
        _ parser: XMLParser,
        didStartElement elementName: String,
        namespaceURI: String?,
        qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        elementCount += 1
        if stack.count >= maxDepth {
            fail(.tooDeep(maxDepth), parser)
            return
        }
        if elementCount > maxElements {
            fail(.tooManyElements(maxElements), parser)
            return
        }
        if let qualifiedName, qualifiedName.contains(":"), namespaceURI?.isEmpty ?? true {
            fail(
                .malformed("the prefix of <\(qualifiedName)> is not bound to a namespace", line: parser.lineNumber),
                parser
            )
            return
        }
        var names: [XMLName: String] = [:]
        for (key, value) in attributes {
            if key.hasPrefix("xml:") {
                names[XMLName("http://www.w3.org/XML/1998/namespace", String(key.dropFirst(4)))] = value
            } else if let colon = key.firstIndex(of: ":") {
                // A prefixed attribute is in the namespace its prefix is bound to (Namespaces in XML §6.3).
                guard let namespace = bindings[String(key[..<colon])]?.last else {
                    fail(
                        .malformed(
                            "the prefix of attribute \(key) is not bound to a namespace",
                            line: parser.lineNumber
                        ),
                        parser
                    )
                    return
                }
                names[XMLName(namespace, String(key[key.index(after: colon)...]))] = value
            } else {
                names[XMLName("", key)] = value
            }
        }
        stack.append(XMLTree(XMLName(namespaceURI ?? "", elementName), attributes: names))
    }

    func parser(_ parser: XMLParser, didStartMappingPrefix prefix: String, toURI namespaceURI: String) {
        bindings[prefix, default: []].append(namespaceURI)
    }

    func parser(_ parser: XMLParser, didEndMappingPrefix prefix: String) {
        _ = bindings[prefix]?.popLast()
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        guard let element = stack.popLast() else { return }
        if stack.isEmpty {
            root = element
        } else {
            stack[stack.count - 1].children.append(.element(element))
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard !stack.isEmpty else { return }
        if case .text(let previous)? = stack[stack.count - 1].children.last {
            stack[stack.count - 1].children[stack[stack.count - 1].children.count - 1] = .text(previous + string)
        } else {
            stack[stack.count - 1].children.append(.text(string))
        }
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        self.parser(parser, foundCharacters: String(decoding: CDATABlock, as: UTF8.self))
    }

    func parser(_ parser: XMLParser, foundInternalEntityDeclarationWithName name: String, value: String?) {
        fail(.documentTypeDeclarationRefused, parser)
    }

    func parser(
        _ parser: XMLParser,
        foundExternalEntityDeclarationWithName name: String,
        publicID: String?,
        systemID: String?
    ) {
        fail(.documentTypeDeclarationRefused, parser)
    }

    func parser(_ parser: XMLParser, resolveExternalEntityName name: String, systemID: String?) -> Data? {
        fail(.documentTypeDeclarationRefused, parser)
        return nil
    }

    private func fail(_ error: XMLReaderError, _ parser: XMLParser) {
        if failure == nil { failure = error }
        parser.abortParsing()
    }
}
