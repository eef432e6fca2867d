/// An ``ObjectBackend`` that can test the stored bytes of a collection's objects where they lie, so a query
/// with a byte-level prefilter (the text-matches of RFC 6352 §10.5.4) reads and builds only the objects that
/// pass it.
public protocol ObjectScanBackend: ObjectBackend {
    /// The objects of `collection` whose stored bytes pass `admits`, with their content, sorted by name.
    /// `admits` sees the bytes only while it runs. Objects whose bytes are not at hand for the scan (large ones
    /// kept outside the database) are returned without the test.
    func objects(
        in collection: DAVPath,
        admitting admits: (UnsafeRawBufferPointer) -> Bool,
        as principal: Principal
    ) throws -> [StoredObject]
}
