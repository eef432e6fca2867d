/// The result of a put, copy or move.
public struct PutResult: Sendable {
    /// The node now at the target path.
    public var node: StoreNode
    /// True if the target path was free before (201 Created), false if replaced (204).
    public var created: Bool

    /// Creates a value.
    public init(node: StoreNode, created: Bool) {
        self.node = node
        self.created = created
    }
}
