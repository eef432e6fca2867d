public import DAVXML

/// An ``ObjectBackend`` that keeps the calendars and address books it has read at hand, so that a PUT into one
/// reads nothing before its write transaction (RFC 4791 §5.3.2, RFC 6352 §6.3.2): the collection chooses the
/// ``ObjectContentPolicy`` and is what the object is validated against, and the write transaction checks that it
/// is still the collection at the target's parent path.
public protocol KnownCollectionBackend: ObjectBackend {
    /// The calendar or address book at `path` as last read, or nil when the backend does not know one there (the
    /// caller then reads the path). It may be out of date; `putObject(at:into:…)` notices.
    func knownCollection(at path: DAVPath, as principal: Principal) -> DAVResource?

    /// The dead properties of one collection, as `deadProperties(of:as:)` gives them; kept in memory between calls
    /// while they cannot have changed, since every PUT into a calendar reads its
    /// `supported-calendar-component-set` (RFC 4791 §5.2.3).
    func deadProperties(ofCollection collection: DAVResource, as principal: Principal) throws -> [XMLTree]

    /// `putObject(at:bytes:contentType:summary:precondition:as:)` into `collection`: inside the write transaction
    /// the collection at the parent of `path` must still be `collection` (the same row), otherwise nothing is
    /// stored and the call throws 409 Conflict.
    func putObject(
        at path: DAVPath,
        into collection: DAVResource,
        bytes: [UInt8],
        contentType: String,
        summary: ObjectSummary,
        precondition: (DAVResource?) throws -> Void,
        as principal: Principal
    ) throws -> (resource: DAVResource, created: Bool)
}
