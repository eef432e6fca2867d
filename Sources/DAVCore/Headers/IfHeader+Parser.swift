import HTTPWire

extension IfHeader {
    /// A recursive-descent parser over the UTF-8 bytes of an `If` value (RFC 4918 §10.4.2); every failure is
    /// 400 Bad Request. Whitespace (LWS) may separate any two tokens.
    struct Parser {
        private let text: [UInt8]
        private let host: String?
        private var position = 0

        init(text: [UInt8], host: String?) {
            self.text = text
            self.host = host
        }

        /// The whole value: either only untagged lists or only tagged ones.
        mutating func parseLists() throws -> [List] {
            var lists: [List] = []
            var tagged: Bool?
            var target = Target.requestURI
            skipWhitespace()
            guard position < text.count else { throw Self.invalid("it is empty") }
            while position < text.count {
                if text[position] == UInt8(ascii: "<") {
                    if tagged == false { throw Self.invalid("it mixes tagged and untagged lists") }
                    tagged = true
                    target = try resourceTag()
                    skipWhitespace()
                    guard position < text.count, text[position] == UInt8(ascii: "(") else {
                        throw Self.invalid("a resource tag is not followed by a list")
                    }
                } else if tagged == nil {
                    tagged = false
                }
                lists.append(List(target: target, conditions: try list()))
                skipWhitespace()
            }
            return lists
        }

        /// `"(" 1*Condition ")"`.
        private mutating func list() throws -> [Condition] {
            try expect(UInt8(ascii: "("))
            var conditions: [Condition] = []
            while true {
                skipWhitespace()
                guard position < text.count else { throw Self.invalid("a list is not closed") }
                if text[position] == UInt8(ascii: ")") {
                    position += 1
                    guard !conditions.isEmpty else { throw Self.invalid("a list is empty") }
                    return conditions
                }
                conditions.append(try condition())
            }
        }

        /// `["Not"] (State-token | "[" entity-tag "]")`; `Not` is matched case-insensitively (RFC 5234 §2.3).
        private mutating func condition() throws -> Condition {
            var negated = false
            if text.count - position >= 3,
                String(decoding: text[position..<(position + 3)], as: UTF8.self).lowercased() == "not"
            {
                negated = true
                position += 3
                skipWhitespace()
            }
            guard position < text.count else { throw Self.invalid("a condition is missing") }
            switch text[position] {
            case UInt8(ascii: "<"):
                let token = try delimited(open: "<", close: ">")
                guard Self.isAbsoluteURI(token) else { throw Self.invalid("the state token <\(token)> is not a URI") }
                return Condition(isNegated: negated, .stateToken(token))
            case UInt8(ascii: "["):
                return Condition(isNegated: negated, .entityTag(try entityTag()))
            default:
                throw Self.invalid("a condition must be a <state-token> or an [entity-tag]")
            }
        }

        /// `"<" Simple-ref ">"`: an absolute URI or an absolute path, percent-decoded and normalised through
        /// `DAVPath`. A URI naming another authority than `Host` is kept as foreign.
        private mutating func resourceTag() throws -> Target {
            let reference = try delimited(open: "<", close: ">")
            var path = Substring(reference)
            if let scheme = path.firstRange(of: "://") {
                let rest = path[scheme.upperBound...]
                let authority = rest.prefix { $0 != "/" }
                if let host, !HTTPHeaders.namesEqual(String(authority), host) { return .foreign(reference) }
                path = rest[authority.endIndex...]
                if path.isEmpty { path = "/" }
            }
            if let query = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<query] }
            guard let decoded = DAVPath(encoded: path) else {
                throw Self.invalid("the resource tag <\(reference)> is not a valid URI or path")
            }
            return .path(decoded)
        }

        /// The non-empty text between `open` and the next `close`, which may not hold whitespace or `open`.
        private mutating func delimited(open: Unicode.Scalar, close: Unicode.Scalar) throws -> String {
            try expect(UInt8(ascii: open))
            let start = position
            while position < text.count, text[position] != UInt8(ascii: close) {
                if text[position] == UInt8(ascii: open) || text[position] == 0x20 || text[position] == 0x09 {
                    throw Self.invalid("\(open)…\(close) is not closed")
                }
                position += 1
            }
            guard position < text.count, position > start else {
                throw Self.invalid("\(open)…\(close) is empty or not closed")
            }
            defer { position += 1 }
            return String(decoding: text[start..<position], as: UTF8.self)
        }

        private mutating func expect(_ byte: UInt8) throws {
            guard position < text.count, text[position] == byte else {
                throw Self.invalid("'\(Unicode.Scalar(byte))' was expected")
            }
            position += 1
        }

        private mutating func skipWhitespace() {
            while position < text.count, text[position] == 0x20 || text[position] == 0x09 { position += 1 }
        }

        /// RFC 3986 §3.1: `scheme ":" …`, the scheme a letter followed by letters, digits, `+`, `-` or `.`.
        private static func isAbsoluteURI(_ text: String) -> Bool {
            guard let colon = text.utf8.firstIndex(of: UInt8(ascii: ":")) else { return false }
            let scheme = text.utf8[..<colon]
            guard let first = scheme.first, isLetter(first) else { return false }
            return scheme.allSatisfy {
                isLetter($0) || (0x30...0x39).contains($0) || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-")
                    || $0 == UInt8(ascii: ".")
            }
        }

        private static func isLetter(_ byte: UInt8) -> Bool {
            (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
        }

        /// `"[" entity-tag "]"` with `entity-tag = [ "W/" ] DQUOTE *etagc DQUOTE` (RFC 9110 §8.8.3). Spaces are
        /// accepted inside the quotes, as in the RFC 4918 §10.4 examples (`["I am an ETag"]`).
        private mutating func entityTag() throws -> EntityTag {
            try expect(UInt8(ascii: "["))
            var weak = false
            if text.count - position >= 2, text[position] == UInt8(ascii: "W"), text[position + 1] == UInt8(ascii: "/")
            {
                weak = true
                position += 2
            }
            try expect(UInt8(ascii: "\""))
            let start = position
            while position < text.count, text[position] != UInt8(ascii: "\"") { position += 1 }
            let opaque = String(decoding: text[start..<min(position, text.count)], as: UTF8.self)
            try expect(UInt8(ascii: "\""))
            try expect(UInt8(ascii: "]"))
            return EntityTag(opaque, isWeak: weak)
        }

        private static func invalid(_ reason: String) -> DAVError {
            DAVError(.badRequest, "The If header is malformed: \(reason) (RFC 4918 §10.4).")
        }
    }
}
