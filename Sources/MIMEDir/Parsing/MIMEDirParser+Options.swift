extension MIMEDirParser {
    /// How strictly the parser applies RFC 5545 §3.1 / RFC 6350 §3.3, and the resource limits it enforces.
    public struct Options: Sendable, Hashable {
        /// When false (forgiving), the parser accepts bare LF line ends, empty lines, a leading BOM,
        /// parameters without `=`, invalid UTF-8 (repaired with U+FFFD), control characters and `_` or `/` in names.
        public var strict: Bool
        /// The maximum component nesting depth (VCALENDAR ▸ VEVENT ▸ VALARM is 3).
        public var maxDepth: Int
        /// The maximum length of one unfolded content line in octets.
        public var maxLineOctets: Int
        /// The maximum number of parameters on one property.
        public var maxParameters: Int

        /// Creates parser options (RFC 5545 §3.1).
        public init(strict: Bool = false, maxDepth: Int = 32, maxLineOctets: Int = 64 << 20, maxParameters: Int = 4096)
        {
            self.strict = strict
            self.maxDepth = maxDepth
            self.maxLineOctets = maxLineOctets
            self.maxParameters = maxParameters
        }

        /// Accepts what real clients send where it is safe (the default for CalDAV/CardDAV PUT).
        public static let forgiving = Options()
        /// Follows the RFC grammar exactly.
        public static let strict = Options(strict: true)
    }
}
