public import DAVCore

/// An ``ObjectBackend`` that keeps each address object's ``ContactSearchValues`` (RFC 6352 §10.5.4) indexed, so an
/// `addressbook-query` (RFC 6352 §8.6) reads only the cards that may match instead of all of them.
public protocol ContactSearchBackend: ObjectBackend {
    /// The objects of the address book at `collection` that may satisfy `condition` (a superset of the filter's
    /// matches), with their content, sorted by name. `condition` narrows (``ContactSearchCondition/narrows``).
    func contactObjects(
        in collection: DAVPath,
        satisfying condition: ContactSearchCondition,
        as principal: Principal
    ) throws -> [ContactSearchCandidate]
}

/// An address object a contact search selected.
public struct ContactSearchCandidate: Sendable {
    /// The object, with its content.
    public var object: StoredObject
    /// Whether the object's indexed values alone satisfy the condition (none of the values it depends on was too
    /// long to index); when the condition decides the filter (``ContactSearchCondition/decides(_:)``), such an
    /// object matches without being tested.
    public var satisfiesCondition: Bool

    /// Creates a candidate.
    public init(object: StoredObject, satisfiesCondition: Bool) {
        self.object = object
        self.satisfiesCondition = satisfiesCondition
    }
}
