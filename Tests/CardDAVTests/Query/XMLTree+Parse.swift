import DAVXML

extension XMLTree {
    /// Parses an XML snippet for tests.
    static func parse(_ text: String) throws -> XMLTree {
        try XMLReader().parse(Array(text.utf8))
    }
}
