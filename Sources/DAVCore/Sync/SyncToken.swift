/// A sync token (RFC 6578 §3.2, §4): the collection's never-reused identifier and the revision of its change
/// log, as a URI. A token names one collection, so one from another collection or a recreated one is invalid.
public struct SyncToken: Hashable, Sendable, CustomStringConvertible {
    /// The URI prefix every token carries.
    public static let prefix = "http://kalends.org/ns/sync/"

    /// The collection's backend identifier.
    public var collection: Int64
    /// The change-log revision.
    public var revision: Int64

    /// Creates a token.
    public init(collection: Int64, revision: Int64) {
        self.collection = collection
        self.revision = revision
    }

    /// Parses `http://kalends.org/ns/sync/<collection>-<revision>`; nil for anything else.
    public init?(_ text: String) {
        guard text.hasPrefix(Self.prefix) else { return nil }
        let parts = text.dropFirst(Self.prefix.count).split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let collection = Int64(parts[0]), let revision = Int64(parts[1]),
            collection >= 0, revision >= 0
        else { return nil }
        self.init(collection: collection, revision: revision)
    }

    /// The token of a collection as it is now.
    public init(of collection: DAVResource) {
        self.init(collection: collection.identifier, revision: collection.syncRevision)
    }

    /// The URI form.
    public var description: String { "\(Self.prefix)\(collection)-\(revision)" }
}
