/// Writes ``Component`` trees as a MIME directory stream (RFC 5545 §3.1, RFC 6350 §3.2).
///
/// Lines end with CRLF and are folded at ``lineWidth`` octets, never inside a UTF-8 sequence;
/// parameter values are RFC 6868 caret-encoded and quoted when they contain `:`, `;` or `,`, unless a parsed
/// parameter still has its original spelling (``Parameter/originalText``), which is written back unchanged.
public struct MIMEDirSerializer: Sendable {
    /// The maximum octets per physical line, excluding CRLF (RFC 5545 §3.1: 75).
    public var lineWidth: Int

    /// Creates a serializer (RFC 5545 §3.1); widths below 4 are raised to 4.
    public init(lineWidth: Int = 75) {
        self.lineWidth = max(4, lineWidth)
    }

    /// Serializes components one after another (RFC 5545 §3.4).
    public func serialize(_ components: [Component]) -> [UInt8] {
        var output: [UInt8] = []
        var scratch: [UInt8] = []
        for component in components { write(component, into: &output, scratch: &scratch) }
        return output
    }

    /// Serializes one component (RFC 5545 §3.6).
    public func serialize(_ component: Component) -> [UInt8] {
        serialize([component])
    }

    /// Serializes components to a string (RFC 5545 §3.4).
    public func string(_ components: [Component]) -> String {
        String(decoding: serialize(components), as: UTF8.self)
    }

    /// Appends one component, CRLF-terminated and folded, to `output` (RFC 5545 §3.6).
    public func write(_ component: Component, into output: inout [UInt8]) {
        var scratch: [UInt8] = []
        write(component, into: &output, scratch: &scratch)
    }

    /// Appends one folded content line for `property` to `output` (RFC 5545 §3.1).
    public func write(_ property: Property, into output: inout [UInt8]) {
        var scratch: [UInt8] = []
        write(property, into: &output, scratch: &scratch)
    }

    private func write(_ component: Component, into output: inout [UInt8], scratch: inout [UInt8]) {
        writeDelimiter("BEGIN:", component.name, into: &output)
        for property in component.properties { write(property, into: &output, scratch: &scratch) }
        for child in component.components { write(child, into: &output, scratch: &scratch) }
        writeDelimiter("END:", component.name, into: &output)
    }

    private func writeDelimiter(_ keyword: String, _ name: String, into output: inout [UInt8]) {
        output.append(contentsOf: keyword.utf8)
        output.append(contentsOf: name.utf8)
        output.append(ASCII.cr)
        output.append(ASCII.lf)
    }

    private func write(_ property: Property, into output: inout [UInt8], scratch: inout [UInt8]) {
        scratch.removeAll(keepingCapacity: true)
        if let group = property.group {
            scratch.append(contentsOf: group.utf8)
            scratch.append(ASCII.dot)
        }
        scratch.append(contentsOf: property.name.utf8)
        for parameter in property.parameters {
            scratch.append(ASCII.semicolon)
            scratch.append(contentsOf: parameter.name.utf8)
            guard !parameter.values.isEmpty else { continue }
            scratch.append(ASCII.equals)
            if let original = parameter.originalText {
                scratch.append(contentsOf: original.utf8)
                continue
            }
            for (offset, value) in parameter.values.enumerated() {
                if offset > 0 { scratch.append(ASCII.comma) }
                Self.appendParameterValue(value, to: &scratch)
            }
        }
        scratch.append(ASCII.colon)
        scratch.append(contentsOf: property.value.utf8)
        fold(scratch, into: &output)
    }

    /// Appends `value` caret-encoded (RFC 6868 §3) and quoted if needed (RFC 5545 §3.2).
    static func appendParameterValue(_ value: String, to output: inout [UInt8]) {
        let needsQuotes = MIMEDirParser.needsQuotes(value.utf8)
        if needsQuotes { output.append(ASCII.dquote) }
        for byte in value.utf8 {
            switch byte {
            case ASCII.caret: output.append(contentsOf: [ASCII.caret, ASCII.caret])
            case ASCII.lf: output.append(contentsOf: [ASCII.caret, 0x6E])
            case ASCII.dquote: output.append(contentsOf: [ASCII.caret, 0x27])
            default: output.append(byte)
            }
        }
        if needsQuotes { output.append(ASCII.dquote) }
    }

    private func fold(_ line: [UInt8], into output: inout [UInt8]) {
        var start = 0
        var width = lineWidth
        while line.count - start > width {
            var cut = start + width
            while cut > start + 1 && line[cut] & 0xC0 == 0x80 { cut -= 1 }
            output.append(contentsOf: line[start..<cut])
            output.append(contentsOf: [ASCII.cr, ASCII.lf, ASCII.space])
            start = cut
            width = lineWidth - 1
        }
        output.append(contentsOf: line[start...])
        output.append(ASCII.cr)
        output.append(ASCII.lf)
    }
}
