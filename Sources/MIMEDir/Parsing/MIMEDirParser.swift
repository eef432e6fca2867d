#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Parses a MIME directory stream (RFC 5545 §3.1/§3.4, RFC 6350 §3.3, RFC 2425) into ``Component`` trees.
///
/// Works on raw bytes in one linear pass: unfolds CRLF/LF + SP/HTAB (also folds that split a
/// multi-byte UTF-8 sequence), splits group, name, parameters and value, and matches BEGIN/END
/// pairs with an explicit stack, so no input can recurse or take super-linear time.
public struct MIMEDirParser: Sendable {
    /// The strictness and limits applied.
    public var options: Options

    /// Creates a parser (RFC 5545 §3.1).
    public init(options: Options = .forgiving) {
        self.options = options
    }

    /// Parses every top-level component in `bytes` (RFC 5545 §3.4: one or more `icalbody`s; RFC 6350 §3.3: vCards).
    public func parse(_ bytes: [UInt8]) throws(MIMEDirError) -> [Component] {
        let result = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(MIMEDirError) -> [Component] in try parse(buffer: buffer) }
        }
        return try result.get()
    }

    /// Parses every top-level component in `text` (RFC 5545 §3.4).
    public func parse(_ text: String) throws(MIMEDirError) -> [Component] {
        try parse(Array(text.utf8))
    }

    /// Parses one unfolded content line (RFC 5545 §3.1), reporting errors at `line`.
    public func parseContentLine(_ bytes: [UInt8], line: Int = 1) throws(MIMEDirError) -> Property {
        let result = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(MIMEDirError) -> Property in try parseContentLine(buffer, line: line) }
        }
        return try result.get()
    }

    private func parse(buffer: UnsafeBufferPointer<UInt8>) throws(MIMEDirError) -> [Component] {
        let count = buffer.count
        var position = 0
        if count >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF {
            guard !options.strict else { throw .invalidName(line: 1) }
            position = 3
        }
        var lineNumber = 1
        var scratch: [UInt8] = []
        var stack: [Component] = []
        var roots: [Component] = []
        while position < count {
            let startLine = lineNumber
            var end = lineEnd(buffer, from: position)
            var contentEnd = try trimmedEnd(buffer, start: position, end: end, line: lineNumber)
            var next = end + 1
            lineNumber += 1
            if next < count && (buffer[next] == ASCII.space || buffer[next] == ASCII.tab) {
                scratch.removeAll(keepingCapacity: true)
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[position..<contentEnd]))
                while next < count && (buffer[next] == ASCII.space || buffer[next] == ASCII.tab) {
                    let start = next + 1
                    end = lineEnd(buffer, from: start)
                    contentEnd = try trimmedEnd(buffer, start: start, end: end, line: lineNumber)
                    scratch.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start..<contentEnd]))
                    if scratch.count > options.maxLineOctets {
                        throw .lineTooLong(line: startLine, limit: options.maxLineOctets)
                    }
                    next = end + 1
                    lineNumber += 1
                }
                let result = scratch.withUnsafeBufferPointer { line in
                    Result { () throws(MIMEDirError) in
                        try process(line, line: startLine, stack: &stack, roots: &roots)
                    }
                }
                try result.get()
            } else {
                if contentEnd - position > options.maxLineOctets {
                    throw .lineTooLong(line: startLine, limit: options.maxLineOctets)
                }
                let line = UnsafeBufferPointer(rebasing: buffer[position..<contentEnd])
                try process(line, line: startLine, stack: &stack, roots: &roots)
            }
            position = next
        }
        if let open = stack.last {
            throw .unterminatedComponent(line: open.line, name: open.name)
        }
        guard !roots.isEmpty else { throw .empty }
        return roots
    }

    /// The index of the next LF at or after `start`, or the buffer's end (memchr scans a word at a time).
    private func lineEnd(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard start < buffer.count, let base = buffer.baseAddress else { return buffer.count }
        guard let found = memchr(base + start, Int32(ASCII.lf), buffer.count - start) else { return buffer.count }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    private func trimmedEnd(
        _ buffer: UnsafeBufferPointer<UInt8>,
        start: Int,
        end: Int,
        line: Int
    ) throws(MIMEDirError) -> Int {
        if end > start && buffer[end - 1] == ASCII.cr { return end - 1 }
        if end < buffer.count && options.strict { throw .bareLineFeed(line: line) }
        return end
    }

    private func process(
        _ line: UnsafeBufferPointer<UInt8>,
        line number: Int,
        stack: inout [Component],
        roots: inout [Component]
    ) throws(MIMEDirError) {
        if line.isEmpty || (!options.strict && line.allSatisfy({ $0 == ASCII.space || $0 == ASCII.tab })) {
            if options.strict { throw .emptyLine(line: number) }
            return
        }
        let first = ASCII.upper(line[0])
        if first == 0x42, let name = try delimiterName(line, keyword: Self.begin, line: number) {
            guard stack.count < options.maxDepth else { throw .nestingTooDeep(line: number, limit: options.maxDepth) }
            var component = Component(name: name, line: number)
            component.properties.reserveCapacity(8)
            stack.append(component)
            return
        }
        if first == 0x45, let name = try delimiterName(line, keyword: Self.end, line: number) {
            guard let open = stack.popLast() else { throw .unexpectedEnd(line: number, found: name) }
            guard open.matches(name) else {
                throw .mismatchedEnd(line: number, expected: open.name, found: name)
            }
            if stack.isEmpty {
                roots.append(open)
            } else {
                stack[stack.count - 1].components.append(open)
            }
            return
        }
        let property = try parseContentLine(line, line: number)
        guard !stack.isEmpty else {
            if options.strict { throw .contentOutsideComponent(line: number) }
            return
        }
        stack[stack.count - 1].properties.append(property)
    }

    private static let begin: [UInt8] = Array("BEGIN:".utf8)
    private static let end: [UInt8] = Array("END:".utf8)

    /// The component name if `line` is `BEGIN:name` / `END:name` (keyword case-insensitive).
    private func delimiterName(
        _ line: UnsafeBufferPointer<UInt8>,
        keyword: [UInt8],
        line number: Int
    ) throws(MIMEDirError) -> String? {
        guard line.count > keyword.count else { return nil }
        for index in 0..<keyword.count where ASCII.upper(line[index]) != keyword[index] { return nil }
        var end = line.count
        if !options.strict {
            while end > keyword.count && (line[end - 1] == ASCII.space || line[end - 1] == ASCII.tab) { end -= 1 }
        }
        let nameBytes = UnsafeBufferPointer(rebasing: line[keyword.count..<end])
        guard !nameBytes.isEmpty, nameBytes.allSatisfy({ isNameByte($0) }) else { throw .invalidName(line: number) }
        return String(decoding: nameBytes, as: UTF8.self)
    }

    func isNameByte(_ byte: UInt8) -> Bool {
        if ASCII.isAlphaNumeric(byte) || byte == ASCII.hyphen { return true }
        return !options.strict && (byte == ASCII.underscore || byte == ASCII.slash)
    }
}
