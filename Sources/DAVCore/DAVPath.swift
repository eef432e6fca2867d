/// A normalised request path: percent-decoded segments, with `.`/`..`, empty segments, NUL and encoded slashes
/// refused, so no later layer can be tricked into leaving the tree it serves (RFC 3986 §3.3, RFC 4918 §8.3).
public struct DAVPath: Hashable, Sendable, CustomStringConvertible {
    /// The decoded segments, e.g. `["dav", "home", "alice", "notes.txt"]`.
    public let segments: [String]
    /// Whether the path as written ended in `/` (collections are named that way).
    public let hasTrailingSlash: Bool

    /// Creates a path from decoded segments; each must be non-empty and not `.`/`..` or contain `/`.
    public init?(segments: [String], trailingSlash: Bool = false) {
        guard segments.allSatisfy(Self.isValidSegment) else { return nil }
        self.segments = segments
        self.hasTrailingSlash = trailingSlash || segments.isEmpty
    }

    /// Parses a percent-encoded absolute path such as `/dav/home/alice/My%20File.txt`; nil when it is not one or
    /// it tries to escape (`..`), hides a slash (`%2F`) or a NUL, or is not UTF-8.
    public init?(encoded path: Substring) {
        var path = path
        guard let parsed = path.withUTF8({ Self.parse(encoded: $0) }) else { return nil }
        self = parsed
    }

    /// The path of percent-encoded UTF-8 bytes such as `/dav/home/alice/My%20File.txt`, as ``init(encoded:)``
    /// reads it, without a `String` per byte range on the way.
    static func parse(encoded bytes: UnsafeBufferPointer<UInt8>) -> DAVPath? {
        guard bytes.first == UInt8(ascii: "/") else { return nil }
        var segments: [String] = []
        segments.reserveCapacity(bytes.reduce(0) { $1 == UInt8(ascii: "/") ? $0 + 1 : $0 })
        var segmentStart = 1
        for index in 1...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: "/") {
            if segmentStart < index {
                guard let decoded = decodedSegment(UnsafeBufferPointer(rebasing: bytes[segmentStart..<index])) else {
                    return nil
                }
                segments.append(decoded)
            }
            segmentStart = index + 1
        }
        return DAVPath(unchecked: segments, trailingSlash: bytes.last == UInt8(ascii: "/"))
    }

    /// One percent-encoded segment, decoded; nil when an escape is broken, the result is not UTF-8 or not a valid
    /// segment.
    private static func decodedSegment(_ encoded: UnsafeBufferPointer<UInt8>) -> String? {
        guard encoded.contains(UInt8(ascii: "%")) else {
            guard isValidSegment(encoded) else { return nil }
            return String(decoding: encoded, as: UTF8.self)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(encoded.count)
        var index = 0
        while index < encoded.count {
            let byte = encoded[index]
            index += 1
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard index + 1 < encoded.count, let high = hexValue(encoded[index]), let low = hexValue(encoded[index + 1])
            else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        guard let decoded = String(validating: bytes, as: UTF8.self), bytes.withUnsafeBufferPointer(isValidSegment)
        else { return nil }
        return decoded
    }

    /// The root path `/`.
    public static let root = DAVPath(unchecked: [], trailingSlash: true)

    /// The last segment, or empty for the root.
    public var lastSegment: String { segments.last ?? "" }

    /// The containing path, nil for the root.
    public var parent: DAVPath? {
        guard !segments.isEmpty else { return nil }
        return DAVPath(unchecked: Array(segments.dropLast()), trailingSlash: true)
    }

    /// This path with one more segment; nil if the segment is invalid.
    public func appending(_ segment: String, isCollection: Bool = false) -> DAVPath? {
        guard Self.isValidSegment(segment) else { return nil }
        var longer: [String] = []
        longer.reserveCapacity(segments.count + 1)
        longer.append(contentsOf: segments)
        longer.append(segment)
        return DAVPath(unchecked: longer, trailingSlash: isCollection)
    }

    /// This path marked as a collection (trailing slash) or not.
    public func asCollection(_ isCollection: Bool) -> DAVPath {
        DAVPath(unchecked: segments, trailingSlash: isCollection)
    }

    /// Whether `self` equals `other` or lies below it.
    public func isDescendant(of other: DAVPath) -> Bool {
        segments.count >= other.segments.count && Array(segments.prefix(other.segments.count)) == other.segments
    }

    /// The percent-encoded form for hrefs and `Location` headers, with a trailing slash for collections.
    public var encoded: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(segments.reduce(2) { $0 + $1.utf8.count + 1 })
        appendEncoded(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends ``encoded`` as bytes, so a multistatus writes hrefs without building a `String` per resource.
    public func appendEncoded(to bytes: inout [UInt8]) {
        if segments.isEmpty {
            bytes.append(UInt8(ascii: "/"))
            return
        }
        for segment in segments {
            bytes.append(UInt8(ascii: "/"))
            Self.appendEncoded(segment: segment, to: &bytes)
        }
        if hasTrailingSlash { bytes.append(UInt8(ascii: "/")) }
    }

    /// Appends one decoded segment percent-encoded (RFC 3986 §2.1): bytes outside `pchar` as `%XX`, upper-case hex.
    public static func appendEncoded(segment: String, to bytes: inout [UInt8]) {
        var segment = segment
        segment.withUTF8 { source in
            var start = 0
            for index in 0..<source.count where !isKeptAsIs(source[index]) {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[start..<index]))
                let byte = source[index]
                bytes.append(UInt8(ascii: "%"))
                bytes.append(hexDigit(byte >> 4))
                bytes.append(hexDigit(byte & 0xF))
                start = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[start..<source.count]))
        }
    }

    /// The decoded path, for logs.
    public var description: String {
        "/" + segments.joined(separator: "/") + (hasTrailingSlash && !segments.isEmpty ? "/" : "")
    }

    /// Paths compare by segments only: `/a/b` and `/a/b/` name the same resource.
    public static func == (lhs: DAVPath, rhs: DAVPath) -> Bool { lhs.segments == rhs.segments }

    /// Hashes the segments only.
    public func hash(into hasher: inout Hasher) { hasher.combine(segments) }

    private init(unchecked segments: [String], trailingSlash: Bool) {
        self.segments = segments
        self.hasTrailingSlash = trailingSlash || segments.isEmpty
    }

    private static func isValidSegment(_ segment: String) -> Bool {
        var segment = segment
        return segment.withUTF8(isValidSegment)
    }

    private static func isValidSegment(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !bytes.isEmpty, bytes.count <= 255 else { return false }
        if bytes.count <= 2, bytes.allSatisfy({ $0 == UInt8(ascii: ".") }) { return false }
        return !bytes.contains { $0 == 0 || $0 == UInt8(ascii: "/") }
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x37
        case 0x61...0x66: byte - 0x57
        default: nil
        }
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "A") + value - 10
    }

    /// Whether a byte may appear unencoded in a path segment (RFC 3986 §3.3 `pchar` minus `%`).
    private static func isKeptAsIs(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
            UInt8(ascii: "~"), UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "'"), UInt8(ascii: "("),
            UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: ";"),
            UInt8(ascii: "="), UInt8(ascii: ":"), UInt8(ascii: "@"):
            true
        default:
            false
        }
    }
}
