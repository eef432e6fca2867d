public import DAVCore

/// An ``ObjectBackend`` that keeps each address object's ``ContactSearchValues`` (RFC 6352 §10.5.4) indexed, so an
/// `addressbook-query` (RFC 6352 §8.6) reads only the cards that may match instead of all of them.
public protocol ContactSearchBackend: ObjectBackend {
    /// The objects of the address book at `collection` that satisfy `condition` (a superset of the filter's
    /// matches), with their content, sorted by name. `condition` narrows (``ContactSearchCondition/narrows``).
    func contactObjects(
        in collection: DAVPath,
        satisfying condition: ContactSearchCondition,
        as principal: Principal
    ) throws -> [StoredObject]
}
