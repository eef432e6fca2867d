#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An incremental, strict parser for the request line and header section (RFC 9112 §2–§6).
///
/// Feed it the connection's buffered bytes as they arrive; it remembers how far it has scanned, so the total
/// work is linear in the size of the head however it is split. It enforces `HTTPLimits`, rejects obsolete line
/// folding, whitespace before the colon, control characters, conflicting framing and a missing Host.
public struct HTTPRequestHeadParser: Sendable {
    private let limits: HTTPLimits
    private var scanned = 0

    /// Creates a parser with these limits.
    public init(limits: HTTPLimits) {
        self.limits = limits
    }

    /// Looks for a complete head at the start of `buffer`.
    ///
    /// - Returns: the head and how many bytes of `buffer` it used, or nil when more bytes are needed.
    /// - Throws: `HTTPParseError` as soon as the bytes seen cannot start a valid head.
    public mutating func parse(_ buffer: UnsafeRawBufferPointer) throws(HTTPParseError) -> (HTTPRequestHead, Int)? {
        var start = 0
        // RFC 9112 §2.2: ignore empty lines received before the request line.
        while start < buffer.count, buffer[start] == .cr || buffer[start] == .lf { start += 1 }
        if scanned < start { scanned = start }
        guard let end = findEndOfHead(buffer, from: start) else {
            try checkIncompleteLimits(buffer, start: start)
            return nil
        }
        scanned = 0
        if end.consumed - start > limits.maxHeaderBlockSize { throw .headerBlockTooLarge }
        let head = try parseHead(UnsafeRawBufferPointer(rebasing: buffer[start..<end.headEnd]))
        return (head, end.consumed)
    }

    /// Forgets any partial scan, for reuse on the next request.
    public mutating func reset() { scanned = 0 }

    private mutating func findEndOfHead(_ buffer: UnsafeRawBufferPointer, from start: Int) -> (
        headEnd: Int, consumed: Int
    )? {
        guard let base = buffer.baseAddress else { return nil }
        var index = max(scanned, start)
        while index < buffer.count {
            guard let found = memchr(base + index, Int32(UInt8.lf), buffer.count - index) else { break }
            let lf = base.distance(to: UnsafeRawPointer(found))
            // An empty line is LF preceded by LF or by CR LF.
            if lf >= start + 1, buffer[lf - 1] == .lf { return (lf - 1, lf + 1) }
            if lf >= start + 2, buffer[lf - 1] == .cr, buffer[lf - 2] == .lf { return (lf - 2, lf + 1) }
            index = lf + 1
        }
        // Rescan the last two bytes next time: they may begin the terminating blank line.
        scanned = max(start, buffer.count - 2)
        return nil
    }

    private func checkIncompleteLimits(_ buffer: UnsafeRawBufferPointer, start: Int) throws(HTTPParseError) {
        let pending = buffer.count - start
        if pending > limits.maxHeaderBlockSize { throw .headerBlockTooLarge }
        guard pending > limits.maxRequestLineLength, let base = buffer.baseAddress else { return }
        if memchr(base + start, Int32(UInt8.lf), limits.maxRequestLineLength) == nil { throw .requestLineTooLong }
    }

    private func parseHead(_ head: UnsafeRawBufferPointer) throws(HTTPParseError) -> HTTPRequestHead {
        if head.count > limits.maxHeaderBlockSize { throw .headerBlockTooLarge }
        var lines = HeadLines(head)
        guard let requestLine = lines.next() else { throw .malformedRequestLine }
        if requestLine.count > limits.maxRequestLineLength { throw .requestLineTooLong }
        var request = try Self.parseRequestLine(requestLine)
        var headers = HTTPHeaders()
        while let line = lines.next() {
            if headers.count >= limits.maxHeaderCount { throw .headerBlockTooLarge }
            let field = try Self.parseField(line)
            headers.add(name: field.name, value: field.value)
        }
        request.headers = headers
        try Self.applyFraming(to: &request)
        return request
    }

    private static func parseRequestLine(_ line: UnsafeRawBufferPointer) throws(HTTPParseError) -> HTTPRequestHead {
        guard let firstSpace = line.firstIndex(of: .space), firstSpace > 0 else { throw .malformedRequestLine }
        guard let lastSpace = line.lastIndex(of: .space), lastSpace > firstSpace + 1 else {
            throw .malformedRequestLine
        }
        let methodBytes = line[..<firstSpace]
        guard methodBytes.allSatisfy(\.isTokenCharacter) else { throw .malformedRequestLine }
        let targetBytes = line[(firstSpace + 1)..<lastSpace]
        guard targetBytes.allSatisfy({ $0 > 0x20 && $0 != 0x7F }) else { throw .malformedRequestLine }
        let version = try parseVersion(line[(lastSpace + 1)...])
        return HTTPRequestHead(
            method: HTTPMethod(rawValue: String(decoding: methodBytes, as: UTF8.self)),
            target: String(decoding: targetBytes, as: UTF8.self),
            version: version
        )
    }

    private static func parseVersion(_ bytes: Slice<UnsafeRawBufferPointer>) throws(HTTPParseError) -> HTTPVersion {
        let text = Array(bytes)
        guard text.count == 8, text.starts(with: Array("HTTP/".utf8)), text[6] == UInt8(ascii: "."),
            let major = text[5].decimalDigitValue, let minor = text[7].decimalDigitValue
        else { throw .malformedRequestLine }
        guard major == 1 else { throw .unsupportedVersion }
        return HTTPVersion(major: 1, minor: minor)
    }

    private static func parseField(_ line: UnsafeRawBufferPointer) throws(HTTPParseError) -> HTTPHeaders.Field {
        guard let first = line.first else { throw .malformedHeader }
        if first == .space || first == .tab { throw .foldedHeader }
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > 0 else { throw .malformedHeader }
        let name = line[..<colon]
        guard name.allSatisfy(\.isTokenCharacter) else { throw .malformedHeader }
        var valueStart = colon + 1
        var valueEnd = line.count
        while valueStart < valueEnd, line[valueStart] == .space || line[valueStart] == .tab { valueStart += 1 }
        while valueEnd > valueStart, line[valueEnd - 1] == .space || line[valueEnd - 1] == .tab { valueEnd -= 1 }
        let value = line[valueStart..<valueEnd]
        guard value.allSatisfy({ $0 >= 0x20 && $0 != 0x7F || $0 == .tab }) else { throw .malformedHeader }
        return (String(decoding: name, as: UTF8.self), String(decoding: value, as: UTF8.self))
    }

    private static func applyFraming(to request: inout HTTPRequestHead) throws(HTTPParseError) {
        let headers = request.headers
        let hosts = headers.values(of: "Host")
        if hosts.count > 1 || (request.version.minor >= 1 && hosts.isEmpty) { throw .missingOrDuplicateHost }

        let transferCodings = headers.listValues(of: "Transfer-Encoding")
        let lengths = headers.listValues(of: "Content-Length")
        if !transferCodings.isEmpty {
            guard request.version.minor >= 1, lengths.isEmpty else { throw .unsupportedTransferEncoding }
            guard transferCodings.count == 1, HTTPHeaders.namesEqual(transferCodings[0], "chunked") else {
                throw .unsupportedTransferEncoding
            }
            request.bodyFraming = .chunked
        } else if let first = lengths.first {
            guard lengths.allSatisfy({ $0 == first }), let length = parseContentLength(first) else {
                throw .invalidContentLength
            }
            request.bodyFraming = length > 0 ? .contentLength(length) : .none
        }

        let connection = headers.listValues(of: "Connection")
        let wantsClose = connection.contains { HTTPHeaders.namesEqual($0, "close") }
        let wantsKeepAlive = connection.contains { HTTPHeaders.namesEqual($0, "keep-alive") }
        request.keepAlive = request.version.minor >= 1 ? !wantsClose : (wantsKeepAlive && !wantsClose)
        request.expectsContinue =
            request.version.minor >= 1 && headers.containsToken("100-continue", in: "Expect")

        let codings = headers.listValues(of: "Content-Encoding").filter { !HTTPHeaders.namesEqual($0, "identity") }
        if codings.isEmpty {
            request.bodyIsGzipped = false
        } else if codings.count == 1,
            HTTPHeaders.namesEqual(codings[0], "gzip") || HTTPHeaders.namesEqual(codings[0], "x-gzip")
        {
            request.bodyIsGzipped = true
        } else {
            throw .unsupportedContentEncoding
        }
    }

    private static func parseContentLength(_ text: String) -> Int64? {
        guard !text.isEmpty, text.utf8.count <= 18, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            return nil
        }
        return Int64(text)
    }
}

/// Splits a head into lines ending in LF or CR LF.
private struct HeadLines {
    let bytes: UnsafeRawBufferPointer
    var position = 0

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    mutating func next() -> UnsafeRawBufferPointer? {
        guard position < bytes.count else { return nil }
        var end = position
        while end < bytes.count, bytes[end] != .lf { end += 1 }
        var lineEnd = end
        if lineEnd > position, bytes[lineEnd - 1] == .cr { lineEnd -= 1 }
        let line = UnsafeRawBufferPointer(rebasing: bytes[position..<lineEnd])
        position = end + 1
        return line
    }
}

extension UInt8 {
    static let cr: UInt8 = 0x0D
    static let lf: UInt8 = 0x0A
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09

    /// RFC 9110 §5.6.2 tchar.
    var isTokenCharacter: Bool { tokenCharacterTable[Int(self)] }

    var decimalDigitValue: Int? {
        (0x30...0x39).contains(self) ? Int(self - 0x30) : nil
    }
}

private let tokenCharacterTable: [Bool] = (0..<256).map { value in
    switch UInt8(value) {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"):
        true
    default:
        "!#$%&'*+-.^_`|~".utf8.contains(UInt8(value))
    }
}
