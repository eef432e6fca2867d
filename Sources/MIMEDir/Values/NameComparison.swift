/// ASCII case-insensitive comparison for names and enumerated values (RFC 5545 §2, RFC 6350 §3.3).
public enum NameComparison {
    /// Whether `lhs` and `rhs` are equal ignoring ASCII case (RFC 5545 §2: names are case-insensitive).
    @inlinable
    public static func equal(_ lhs: String, _ rhs: String) -> Bool {
        ASCII.caseInsensitiveEquals(lhs, rhs)
    }
}
