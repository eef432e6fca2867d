/// One problem found in a calendar or address file, for `kalends ical check` (`file:line: message`).
public struct FileProblem: Sendable, Hashable {
    /// The 1-based line the problem refers to (0 when not tied to a line).
    public var line: Int
    /// A one-line description.
    public var message: String

    /// Creates a problem report.
    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }
}
