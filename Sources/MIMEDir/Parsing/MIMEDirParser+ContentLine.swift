extension MIMEDirParser {
    /// Splits one unfolded content line into group, name, parameters and value (RFC 5545 §3.1, RFC 6350 §3.3).
    func parseContentLine(_ line: UnsafeBufferPointer<UInt8>, line number: Int) throws(MIMEDirError) -> Property {
        let count = line.count
        var index = 0
        var groupEnd = -1
        while index < count {
            let byte = line[index]
            if byte == ASCII.colon || byte == ASCII.semicolon { break }
            if byte == ASCII.dot && groupEnd < 0 {
                guard index > 0 else { throw .invalidName(line: number) }
                groupEnd = index
            } else if !isNameByte(byte) && !(byte == ASCII.dot && !options.strict) {
                throw .invalidName(line: number)
            }
            index += 1
        }
        guard index < count else { throw .missingColon(line: number) }
        guard index > groupEnd + 1 else { throw .invalidName(line: number) }
        let group =
            groupEnd < 0 ? nil : String(decoding: UnsafeBufferPointer(rebasing: line[0..<groupEnd]), as: UTF8.self)
        let name = String(decoding: UnsafeBufferPointer(rebasing: line[(groupEnd + 1)..<index]), as: UTF8.self)
        var parameters: [Parameter] = []
        while index < count && line[index] == ASCII.semicolon {
            guard parameters.count < options.maxParameters else {
                throw .tooManyParameters(line: number, limit: options.maxParameters)
            }
            index += 1
            parameters.append(try parseParameter(line, index: &index, line: number))
        }
        guard index < count && line[index] == ASCII.colon else { throw .missingColon(line: number) }
        let value = try makeValue(UnsafeBufferPointer(rebasing: line[(index + 1)...]), line: number)
        return Property(group: group, name: name, parameters: parameters, value: value, line: number)
    }

    /// Parses `param-name "=" param-value *("," param-value)` starting at `index` (RFC 5545 §3.2).
    private func parseParameter(
        _ line: UnsafeBufferPointer<UInt8>,
        index: inout Int,
        line number: Int
    ) throws(MIMEDirError) -> Parameter {
        let count = line.count
        let nameStart = index
        while index < count {
            let byte = line[index]
            if byte == ASCII.equals || byte == ASCII.semicolon || byte == ASCII.colon { break }
            guard isNameByte(byte) else { throw .invalidName(line: number) }
            index += 1
        }
        guard index < count else { throw .missingColon(line: number) }
        guard index > nameStart else { throw .invalidName(line: number) }
        let name = String(decoding: UnsafeBufferPointer(rebasing: line[nameStart..<index]), as: UTF8.self)
        guard line[index] == ASCII.equals else {
            if options.strict { throw .missingParameterValue(line: number) }
            return Parameter(name: name, values: [])
        }
        index += 1
        let valuesStart = index
        var values: [String] = []
        var canonical = true
        var legal = true
        while true {
            if index < count && line[index] == ASCII.dquote {
                let start = index + 1
                var close = start
                while close < count && line[close] != ASCII.dquote { close += 1 }
                guard close < count else { throw .unterminatedQuote(line: number) }
                let raw = UnsafeBufferPointer(rebasing: line[start..<close])
                values.append(try makeParameterValue(raw, line: number))
                canonical = canonical && !raw.contains(ASCII.caret) && Self.needsQuotes(raw)
                index = close + 1
            } else {
                let start = index
                while index < count {
                    let byte = line[index]
                    if byte == ASCII.comma || byte == ASCII.semicolon || byte == ASCII.colon { break }
                    if byte == ASCII.dquote {
                        if options.strict { throw .unterminatedQuote(line: number) }
                        legal = false
                    }
                    index += 1
                }
                let raw = UnsafeBufferPointer(rebasing: line[start..<index])
                values.append(try makeParameterValue(raw, line: number))
                canonical = canonical && !raw.contains(ASCII.caret)
            }
            guard index < count else { throw .missingColon(line: number) }
            if line[index] == ASCII.comma {
                index += 1
                continue
            }
            guard line[index] == ASCII.semicolon || line[index] == ASCII.colon else {
                throw .unterminatedQuote(line: number)
            }
            guard legal && !canonical else { return Parameter(name: name, values: values) }
            let raw = UnsafeBufferPointer(rebasing: line[valuesStart..<index])
            guard !Self.isCanonical(raw, values: values) else { return Parameter(name: name, values: values) }
            return Parameter(name: name, values: values, originalText: try makeString(raw, line: number))
        }
    }

    /// Whether a decoded parameter value must be quoted on output (RFC 5545 §3.2: it holds `:`, `;` or `,`).
    static func needsQuotes(_ bytes: some Sequence<UInt8>) -> Bool {
        bytes.contains { $0 == ASCII.colon || $0 == ASCII.semicolon || $0 == ASCII.comma }
    }

    /// Whether `raw` is exactly what ``MIMEDirSerializer`` writes for `values` (RFC 5545 §3.2, RFC 6868 §3).
    private static func isCanonical(_ raw: UnsafeBufferPointer<UInt8>, values: [String]) -> Bool {
        var encoded: [UInt8] = []
        encoded.reserveCapacity(raw.count)
        for (offset, value) in values.enumerated() {
            if offset > 0 { encoded.append(ASCII.comma) }
            MIMEDirSerializer.appendParameterValue(value, to: &encoded)
        }
        return encoded.elementsEqual(raw)
    }

    private func makeValue(_ bytes: UnsafeBufferPointer<UInt8>, line number: Int) throws(MIMEDirError) -> String {
        if options.strict {
            for byte in bytes where (byte < 0x20 && byte != ASCII.tab) || byte == 0x7F {
                throw .controlCharacter(line: number)
            }
        }
        return try makeString(bytes, line: number)
    }

    private func makeParameterValue(_ bytes: UnsafeBufferPointer<UInt8>, line number: Int) throws(MIMEDirError)
        -> String
    {
        if options.strict {
            for byte in bytes where (byte < 0x20 && byte != ASCII.tab) || byte == 0x7F {
                throw .controlCharacter(line: number)
            }
        }
        guard bytes.contains(ASCII.caret) else { return try makeString(bytes, line: number) }
        var decoded: [UInt8] = []
        decoded.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == ASCII.caret && index + 1 < bytes.count {
                switch bytes[index + 1] {
                case 0x6E:
                    decoded.append(ASCII.lf)
                    index += 2
                    continue
                case 0x27:
                    decoded.append(ASCII.dquote)
                    index += 2
                    continue
                case ASCII.caret:
                    decoded.append(ASCII.caret)
                    index += 2
                    continue
                default:
                    break
                }
            }
            decoded.append(byte)
            index += 1
        }
        let result = decoded.withUnsafeBufferPointer { buffer in
            Result { () throws(MIMEDirError) -> String in try makeString(buffer, line: number) }
        }
        return try result.get()
    }

    private func makeString(_ bytes: UnsafeBufferPointer<UInt8>, line number: Int) throws(MIMEDirError) -> String {
        if options.strict {
            guard let string = String(validating: bytes, as: UTF8.self) else { throw .invalidUTF8(line: number) }
            return string
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
