/// The result of `DataStore.check()`.
public struct CheckReport: Sendable {
    /// Human-readable descriptions of every problem found.
    public var problems: [String]
    /// True when nothing was found.
    public var isClean: Bool { problems.isEmpty }

    /// Creates a value.
    public init(problems: [String]) {
        self.problems = problems
    }
}
