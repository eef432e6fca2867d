import MIMEDir

/// The N property's five fields (RFC 6350 §6.2.2, RFC 2426 §3.1.2).
public struct StructuredName: Sendable, Hashable {
    /// Family names.
    public var family: [String]
    /// Given names.
    public var given: [String]
    /// Additional names.
    public var additional: [String]
    /// Honorific prefixes.
    public var prefixes: [String]
    /// Honorific suffixes.
    public var suffixes: [String]

    /// Splits a raw N value (RFC 6350 §6.2.2); missing fields are empty.
    public init(value: String) {
        let fields = TextEscaping.structured(value).map { $0.filter { !$0.isEmpty } }
        func field(_ index: Int) -> [String] { index < fields.count ? fields[index] : [] }
        family = field(0)
        given = field(1)
        additional = field(2)
        prefixes = field(3)
        suffixes = field(4)
    }
}
