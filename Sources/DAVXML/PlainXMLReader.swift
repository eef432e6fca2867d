/// Reads the plain XML that DAV clients send — UTF-8, an optional XML declaration, elements, attributes, namespace
/// declarations, character data and the predefined and character references (XML 1.0 §2–§4.1, Namespaces in XML
/// 1.0 §3–§6) — into an `XMLTree` in one pass over the bytes, without the system parser's callbacks and their
/// `String`s. Anything outside that subset — comments, CDATA sections, processing instructions, DOCTYPE, CR in
/// character data, non-ASCII names, references in attribute values, unbound or reserved prefixes, a limit reached
/// — and anything not well-formed gives nil, and `XMLReader` hands the document to the system parser, which
/// accepts or refuses it as before. So what this reader accepts, it reads as `XMLReader`'s system path does.
struct PlainXMLReader {
    /// Deepest element nesting accepted.
    let maxDepth: Int
    /// Most elements accepted.
    let maxElements: Int

    /// The tree, or nil when the document is outside the subset or not well-formed.
    func read(_ bytes: [UInt8]) -> XMLTree? {
        if bytes.contains(where: { $0 >= 0x80 }), String(validating: bytes, as: UTF8.self) == nil { return nil }
        return bytes.withUnsafeBufferPointer { buffer in
            var scanner = Scanner(bytes: buffer, maxDepth: maxDepth, maxElements: maxElements)
            return scanner.document()
        }
    }
}

/// The XML namespace, bound to the prefix `xml` by definition (Namespaces in XML 1.0 §3).
private let xmlNamespace = "http://www.w3.org/XML/1998/namespace"
/// The namespace of namespace declarations, which no prefix may be bound to (Namespaces in XML 1.0 §3).
private let xmlnsNamespace = "http://www.w3.org/2000/xmlns/"

private struct Scanner {
    /// An element whose end tag has not been read yet.
    struct Open {
        var tree: XMLTree
        /// The qualified name as written, to match the end tag against.
        var qualifiedName: Range<Int>
        /// How many namespace bindings the element declared.
        var bindings: Int
    }

    let bytes: UnsafeBufferPointer<UInt8>
    let maxDepth: Int
    let maxElements: Int
    var position = 0
    var elementCount = 0
    /// Namespace bindings in scope, innermost last; the empty prefix is the default namespace.
    var bindings: [(prefix: String, namespace: String)] = []
    /// The character data read since the last tag, references resolved.
    var text: [UInt8] = []

    init(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int, maxElements: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
        self.maxElements = maxElements
    }

    /// `document ::= XMLDecl? S* element S*` (no comments, processing instructions or DOCTYPE here).
    mutating func document() -> XMLTree? {
        if starts(with: "<?xml") {
            guard declaration() else { return nil }
        }
        skipSpace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "<") else { return nil }
        guard let root = rootElement() else { return nil }
        skipSpace()
        return position == bytes.count ? root : nil
    }

    /// `XMLDecl ::= '<?xml' VersionInfo EncodingDecl? SDDecl? S? '?>'` with version 1.0, UTF-8 and yes/no.
    mutating func declaration() -> Bool {
        position += 5
        var pseudoAttributes: [(name: String, value: String)] = []
        while true {
            let hadSpace = skipSpace()
            if starts(with: "?>") {
                position += 2
                break
            }
            guard hadSpace, let name = name(), name.count > 0, equalsSign(), let value = quotedASCII() else {
                return false
            }
            pseudoAttributes.append((string(name), value))
        }
        let names = pseudoAttributes.map(\.name)
        guard names.first == "version", Set(names).count == names.count,
            names.allSatisfy({ ["version", "encoding", "standalone"].contains($0) }),
            names == names.sorted(by: { order($0) < order($1) })
        else { return false }
        for (name, value) in pseudoAttributes {
            switch name {
            case "version": guard value == "1.0" else { return false }
            case "encoding": guard value.lowercased() == "utf-8" else { return false }
            default: guard value == "yes" || value == "no" else { return false }
            }
        }
        return true
    }

    private func order(_ name: String) -> Int {
        switch name {
        case "version": 0
        case "encoding": 1
        default: 2
        }
    }

    /// The root element and everything in it.
    mutating func rootElement() -> XMLTree? {
        var stack: [Open] = []
        while true {
            // At a '<'.
            position += 1
            guard position < bytes.count else { return nil }
            if bytes[position] == UInt8(ascii: "/") {
                position += 1
                guard var closed = stack.popLast(), endTag(matching: closed.qualifiedName) else { return nil }
                flushText(into: &closed.tree)
                bindings.removeLast(closed.bindings)
                if stack.isEmpty { return closed.tree }
                stack[stack.count - 1].tree.children.append(.element(closed.tree))
            } else {
                if !stack.isEmpty { flushText(into: &stack[stack.count - 1].tree) }
                elementCount += 1
                guard stack.count < maxDepth, elementCount <= maxElements,
                    let (open, isEmpty) = startTag()
                else { return nil }
                if isEmpty {
                    bindings.removeLast(open.bindings)
                    if stack.isEmpty { return open.tree }
                    stack[stack.count - 1].tree.children.append(.element(open.tree))
                } else {
                    stack.append(open)
                }
            }
            guard characterData() else { return nil }
        }
    }

    /// Reads character data up to the next '<', resolving references into `text`; false when it is outside the
    /// subset or not well-formed, or the document ends first.
    mutating func characterData() -> Bool {
        var start = position
        while position < bytes.count {
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "<"):
                text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<position]))
                return true
            case UInt8(ascii: "&"):
                text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<position]))
                guard reference() else { return false }
                start = position
                continue
            case UInt8(ascii: ">"):
                // `]]>` may not appear in character data (XML 1.0 §2.4).
                if position >= 2, bytes[position - 1] == UInt8(ascii: "]"), bytes[position - 2] == UInt8(ascii: "]") {
                    return false
                }
            case 0x09, 0x0A:
                break
            case 0xEF:
                // U+FFFE and U+FFFF are not characters (XML 1.0 §2.2).
                if position + 2 < bytes.count, bytes[position + 1] == 0xBF, bytes[position + 2] >= 0xBE { return false }
            case ..<0x20:
                return false
            default:
                break
            }
            position += 1
        }
        return false
    }

    /// Resolves `&name;` for the five predefined entities and `&#N;` / `&#xN;` for characters (XML 1.0 §4.1,
    /// §4.6) into `text`, the position at the '&'.
    mutating func reference() -> Bool {
        position += 1
        guard let semicolon = bytes[position...].prefix(12).firstIndex(of: UInt8(ascii: ";")) else { return false }
        let body = UnsafeBufferPointer(rebasing: bytes[position..<semicolon])
        position = semicolon + 1
        if body.first == UInt8(ascii: "#") {
            guard let scalar = Self.characterReference(body.dropFirst()) else { return false }
            UTF8.encode(scalar) { text.append($0) }
            return true
        }
        let replacement: UInt8
        switch String(decoding: body, as: UTF8.self) {
        case "lt": replacement = UInt8(ascii: "<")
        case "gt": replacement = UInt8(ascii: ">")
        case "amp": replacement = UInt8(ascii: "&")
        case "quot": replacement = UInt8(ascii: "\"")
        case "apos": replacement = UInt8(ascii: "'")
        default: return false
        }
        text.append(replacement)
        return true
    }

    /// The character of `N` or `xN` when it is one XML allows (`Char`, XML 1.0 §2.2), other than CR.
    static func characterReference(_ digits: Slice<UnsafeBufferPointer<UInt8>>) -> Unicode.Scalar? {
        var digits = digits[...]
        let radix: UInt32
        if digits.first == UInt8(ascii: "x") {
            radix = 16
            digits = digits.dropFirst()
        } else {
            radix = 10
        }
        guard !digits.isEmpty, digits.count <= 8 else { return nil }
        var value: UInt32 = 0
        for digit in digits {
            let number: UInt32
            switch digit {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): number = UInt32(digit - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f") where radix == 16:
                number = UInt32(digit - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F") where radix == 16:
                number = UInt32(digit - UInt8(ascii: "A") + 10)
            default: return nil
            }
            value = value * radix + number
        }
        switch value {
        case 0x09, 0x0A, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return Unicode.Scalar(value)
        default: return nil
        }
    }

    /// Ends the current run of character data as a text child of `tree`.
    mutating func flushText(into tree: inout XMLTree) {
        guard !text.isEmpty else { return }
        tree.children.append(.text(String(decoding: text, as: UTF8.self)))
        text.removeAll(keepingCapacity: true)
    }

    /// Reads `Name (S Attribute)* S? ('>' | '/>')` after the '<', declaring its namespaces; the element and whether
    /// it was empty (`/>`).
    mutating func startTag() -> (Open, Bool)? {
        guard let qualifiedName = name() else { return nil }
        var attributes: [(name: Range<Int>, value: String)] = []
        var isEmpty = false
        while true {
            let hadSpace = skipSpace()
            guard position < bytes.count else { return nil }
            if bytes[position] == UInt8(ascii: ">") {
                position += 1
                break
            }
            if starts(with: "/>") {
                position += 2
                isEmpty = true
                break
            }
            guard hadSpace, let attribute = name(), equalsSign(), let value = attributeValue() else { return nil }
            attributes.append((attribute, value))
        }
        var declared = 0
        var declaredPrefixes: Set<String> = []
        for (name, value) in attributes {
            if equals(name, "xmlns") {
                guard value != xmlNamespace, value != xmlnsNamespace, PlainNamespaceName.isPlain(value),
                    declaredPrefixes.insert("").inserted
                else { return nil }
                bindings.append(("", value))
                declared += 1
            } else if starts(name, with: "xmlns:") {
                let prefix = string(name.lowerBound + 6..<name.upperBound)
                guard !value.isEmpty, prefix != "xml", prefix != "xmlns", value != xmlNamespace,
                    value != xmlnsNamespace, PlainNamespaceName.isPlain(value), declaredPrefixes.insert(prefix).inserted
                else { return nil }
                bindings.append((prefix, value))
                declared += 1
            }
        }
        var resolved: [XMLName: String] = [:]
        for (name, value) in attributes where !equals(name, "xmlns") && !starts(name, with: "xmlns:") {
            guard let expanded = expandedName(name, isAttribute: true),
                resolved.updateValue(value, forKey: expanded) == nil
            else { return nil }
        }
        guard let elementName = expandedName(qualifiedName, isAttribute: false) else { return nil }
        return (
            Open(tree: XMLTree(elementName, attributes: resolved), qualifiedName: qualifiedName, bindings: declared),
            isEmpty
        )
    }

    /// Reads `'</' Name S? '>'` after the '</' and checks the name against the start tag's.
    mutating func endTag(matching qualifiedName: Range<Int>) -> Bool {
        guard let name = name(), bytes[name].elementsEqual(bytes[qualifiedName]) else { return false }
        skipSpace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: ">") else { return false }
        position += 1
        return true
    }

    /// The expanded name of a qualified name (Namespaces in XML 1.0 §6): an unprefixed element is in the default
    /// namespace, an unprefixed attribute in none; nil for an unbound prefix or an element prefixed `xml`.
    func expandedName(_ qualifiedName: Range<Int>, isAttribute: Bool) -> XMLName? {
        guard let colon = bytes[qualifiedName].firstIndex(of: UInt8(ascii: ":")) else {
            let local = string(qualifiedName)
            if isAttribute { return XMLName("", local) }
            return XMLName(bindings.last(where: { $0.prefix.isEmpty })?.namespace ?? "", local)
        }
        let prefix = string(qualifiedName.lowerBound..<colon)
        let local = string(colon + 1..<qualifiedName.upperBound)
        if prefix == "xml" { return isAttribute ? XMLName(xmlNamespace, local) : nil }
        guard let namespace = bindings.last(where: { $0.prefix == prefix })?.namespace, !namespace.isEmpty else {
            return nil
        }
        return XMLName(namespace, local)
    }

    /// A quoted attribute value with no references, '<', tab, CR, LF or other control characters (which the
    /// system parser would replace or normalise).
    mutating func attributeValue() -> String? {
        guard let quote = openingQuote() else { return nil }
        let start = position
        while position < bytes.count, bytes[position] != quote {
            let byte = bytes[position]
            if byte < 0x20 || byte == UInt8(ascii: "<") || byte == UInt8(ascii: "&") { return nil }
            if byte == 0xEF, position + 2 < bytes.count, bytes[position + 1] == 0xBF, bytes[position + 2] >= 0xBE {
                return nil
            }
            position += 1
        }
        guard position < bytes.count else { return nil }
        let value = string(start..<position)
        position += 1
        return value
    }

    /// Reads the `"` or `'` that opens a quoted value and returns it; nil (nothing read) when there is none.
    mutating func openingQuote() -> UInt8? {
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") || bytes[position] == UInt8(ascii: "'")
        else { return nil }
        position += 1
        return bytes[position - 1]
    }

    /// A value of the XML declaration: quoted ASCII letters, digits, '.', '-' and '_'.
    mutating func quotedASCII() -> String? {
        guard let quote = openingQuote() else { return nil }
        let start = position
        while position < bytes.count, Self.isNameByte(bytes[position]) { position += 1 }
        guard position < bytes.count, bytes[position] == quote else { return nil }
        position += 1
        return string(start..<position - 1)
    }

    /// `S? '=' S?`.
    mutating func equalsSign() -> Bool {
        skipSpace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "=") else { return false }
        position += 1
        skipSpace()
        return true
    }

    /// An ASCII QName: `NCName (':' NCName)?`, each starting with a letter or '_' and going on with letters,
    /// digits, '.', '-' and '_'.
    mutating func name() -> Range<Int>? {
        let start = position
        var partStart = position
        var sawColon = false
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: ":") {
                guard !sawColon, position > partStart else { return nil }
                sawColon = true
                position += 1
                partStart = position
                continue
            }
            guard Self.isNameByte(byte) else { break }
            if position == partStart, !Self.isNameStartByte(byte) { return nil }
            position += 1
        }
        guard position > partStart else { return nil }
        return start..<position
    }

    static func isNameStartByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"): true
        default: false
        }
    }

    static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "."):
            true
        default: false
        }
    }

    /// Skips white space (XML 1.0 §2.3 `S`); whether there was any.
    @discardableResult
    mutating func skipSpace() -> Bool {
        let start = position
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return position > start
            }
        }
        return position > start
    }

    func starts(with literal: StaticString) -> Bool {
        starts(position..<bytes.count, with: literal)
    }

    func starts(_ range: Range<Int>, with literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard range.count >= count else { return false }
        return bytes[range.lowerBound..<range.lowerBound + count]
            .elementsEqual(UnsafeBufferPointer(start: literal.utf8Start, count: count))
    }

    func equals(_ range: Range<Int>, _ literal: StaticString) -> Bool {
        range.count == literal.utf8CodeUnitCount && starts(range, with: literal)
    }

    func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }
}
