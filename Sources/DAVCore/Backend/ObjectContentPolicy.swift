import HTTPWire

/// What a protocol layer requires of the objects stored in its collections (RFC 4791 §5.3.2.1 for calendars,
/// RFC 6352 §6.3.2.1 for address books): PUT into such a collection reads the body whole (up to `maxSize`),
/// lets the policy validate it and compute its index summary, and stores it with `ObjectBackend.putObject`.
public protocol ObjectContentPolicy: Sendable {
    /// The collection kind the policy governs.
    var collectionKind: ResourceKind { get }
    /// Largest object accepted, in bytes (`max-resource-size`).
    var maxSize: Int { get }
    /// The precondition reported for an object over `maxSize`.
    var sizeCondition: DAVError.Condition { get }
    /// Validates an object for `collection`; throws `DAVError` with the protocol's precondition when it is not
    /// acceptable. Returns the media type to store and the index summary.
    func validate(
        _ bytes: [UInt8],
        contentType: String?,
        in collection: DAVResource,
        request: DAVRequest,
        context: DAVContext
    ) throws -> (contentType: String, summary: ObjectSummary)
}

extension DAVContext {
    /// Stores the body of `request` as an object of the policy's collection kind; the caller's precondition
    /// checks run inside the write transaction, and with a ``KnownCollectionBackend`` so does the check that
    /// `collection` is still the parent it validated against. Answers 201/204 with the ETag, since the bytes are
    /// stored as sent.
    func putObject(
        _ request: DAVRequest,
        policy: any ObjectContentPolicy,
        collection: DAVResource,
        precondition: (DAVResource?) throws -> Void
    ) throws -> (resource: DAVResource, created: Bool) {
        guard let backend = backend as? any ObjectBackend else {
            throw DAVError(.forbidden, "This server cannot store objects in \(collection.path).")
        }
        if case .contentLength(let declared) = request.http.head.bodyFraming, declared > policy.maxSize {
            throw DAVError(
                .forbidden,
                condition: policy.sizeCondition,
                "The object is larger than \(policy.maxSize) bytes."
            )
        }
        let bytes: [UInt8]
        do {
            bytes = try Self.readObjectBody(of: request, limit: policy.maxSize)
        } catch HTTPBodyError.invalid(.bodyTooLarge) {
            throw DAVError(
                .forbidden,
                condition: policy.sizeCondition,
                "The object is larger than \(policy.maxSize) bytes."
            )
        }
        let contentType = request.headers["Content-Type"]
        let validated = try policy.validate(
            bytes,
            contentType: contentType,
            in: collection,
            request: request,
            context: self
        )
        if let known = backend as? any KnownCollectionBackend {
            return try known.putObject(
                at: request.path,
                into: collection,
                bytes: bytes,
                contentType: validated.contentType,
                summary: validated.summary,
                precondition: precondition,
                as: request.principal
            )
        }
        return try backend.putObject(
            at: request.path,
            bytes: bytes,
            contentType: validated.contentType,
            summary: validated.summary,
            precondition: precondition,
            as: request.principal
        )
    }

    /// The whole body of an object PUT. With a Content-Length and no content coding it is read straight into one
    /// buffer of that length (no zeroed 64 KiB chunk, no second copy); otherwise through `readAll`, which throws
    /// `bodyTooLarge` past `limit`. The caller has already refused a Content-Length above `limit`.
    private static func readObjectBody(of request: DAVRequest, limit: Int) throws -> [UInt8] {
        let head = request.http.head
        guard case .contentLength(let declared) = head.bodyFraming, !head.bodyIsGzipped, declared <= limit else {
            return try request.http.body.readAll(limit: limit)
        }
        let body = request.http.body
        let length = Int(declared)
        return try [UInt8](unsafeUninitializedCapacity: length) { buffer, initialized in
            while initialized < length {
                let rest = UnsafeMutableBufferPointer(rebasing: buffer[initialized...])
                let count = try body.read(into: UnsafeMutableRawBufferPointer(rest))
                if count == 0 { break }
                initialized += count
            }
        }
    }
}
