/// A property parameter (RFC 5545 §3.2, RFC 6350 §5): a name and one or more values.
///
/// Values are stored decoded: surrounding DQUOTEs removed and RFC 6868 caret escapes
/// (`^n`, `^'`, `^^`) resolved. The name keeps the case it was written in; compare names
/// with ``matches(_:)``. A parsed parameter also remembers how its values were spelled when that
/// differs from what ``MIMEDirSerializer`` would write (quotes that were not needed, caret
/// sequences RFC 6868 leaves alone), so an unchanged parameter is written back byte for byte.
/// Equality and hashing look at the name and the decoded values only.
public struct Parameter: Sendable {
    /// The parameter name as written (RFC 5545 §3.1 `param-name`).
    public var name: String
    /// The decoded values, in order (RFC 5545 §3.2: `param-value *("," param-value)`).
    public var values: [String]
    /// The value text as written after `=`, with the values it decoded to; nil when the canonical form equals it.
    private var spelling: Spelling?

    /// Creates a parameter (RFC 5545 §3.2).
    public init(name: String, values: [String]) {
        self.name = name
        self.values = values
    }

    /// Creates a single-valued parameter (RFC 5545 §3.2).
    public init(name: String, value: String) {
        self.init(name: name, values: [value])
    }

    /// Creates a parsed parameter whose values were written as `originalText` (RFC 5545 §3.2).
    init(name: String, values: [String], originalText: String) {
        self.name = name
        self.values = values
        spelling = Spelling(text: originalText, values: values)
    }

    /// The values joined with commas, as a single string (RFC 5545 §3.2).
    @inlinable
    public var value: String {
        values.count == 1 ? values[0] : values.joined(separator: ",")
    }

    /// The value text exactly as it was parsed (everything after `=`, quotes and caret escapes included),
    /// if it differs from the canonical encoding and ``values`` has not been changed since (RFC 5545 §3.2).
    public var originalText: String? {
        guard let spelling, spelling.values == values else { return nil }
        return spelling.text
    }

    /// Whether this parameter's name equals `name`, ignoring ASCII case (RFC 5545 §2).
    @inlinable
    public func matches(_ name: String) -> Bool {
        ASCII.caseInsensitiveEquals(self.name, name)
    }

    /// How a parsed parameter's values were written.
    private struct Spelling: Sendable {
        /// The raw text after `=`.
        var text: String
        /// The decoded values at parse time; a different ``Parameter/values`` means the model was changed.
        var values: [String]
    }
}

extension Parameter: Hashable {
    /// Equality over the name and decoded values; the original spelling is ignored (RFC 5545 §3.2).
    public static func == (lhs: Parameter, rhs: Parameter) -> Bool {
        lhs.name == rhs.name && lhs.values == rhs.values
    }

    /// Hashes the name and decoded values (RFC 5545 §3.2).
    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(values)
    }
}
