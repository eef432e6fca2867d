import HTTPWire

/// COPY and MOVE into a calendar or address book (RFC 4791 §5.3.2.1, RFC 6352 §6.3.2.1: the PUT preconditions
/// apply to COPY and MOVE too): the destination collection's `ObjectContentPolicy` validates the source's bytes
/// and against the destination's own settings (component set, size), collections are refused with the
/// collection-location precondition, and a UID the destination already holds is the store's `no-uid-conflict`.
extension CopyMoveMethod {
    /// How a transfer into a policy-governed collection is done.
    enum ObjectTransfer {
        /// Server-side, like any other transfer: the source is an object of the same collection kind, so the
        /// store carries its index row along (and checks its UID).
        case sameKind
        /// From a plain folder or another kind: stored anew through `ObjectBackend.putObject` with the index
        /// summary the policy computed (and the source removed afterwards for MOVE).
        case reindex(bytes: [UInt8], contentType: String, summary: ObjectSummary)
    }

    /// nil when the destination's collection has no object policy; otherwise validates the source for it and
    /// says how to transfer. Throws the policy's 403 precondition when the source is not acceptable.
    func objectTransfer(
        of source: DAVResource,
        to destination: DAVPath,
        request: DAVRequest,
        context: DAVContext
    ) throws -> ObjectTransfer? {
        guard !context.objectPolicies.isEmpty, let parentPath = destination.parent,
            let collection = try context.backend.resource(at: parentPath, as: request.principal),
            let policy = context.objectPolicies[collection.kind]
        else { return nil }
        if source.isCollection {
            throw DAVError(
                .forbidden,
                condition: CollectionCreation.locationCondition(inside: collection.kind, creating: source.kind),
                "\(collection.path) cannot hold collections."
            )
        }
        if source.contentLength > Int64(policy.maxSize) {
            throw DAVError(
                .forbidden,
                condition: policy.sizeCondition,
                "The object is larger than \(policy.maxSize) bytes."
            )
        }
        guard let backend = context.backend as? any ObjectBackend, let sourceParent = source.path.parent,
            let stored = try backend.objects(at: [source.path], in: sourceParent, as: request.principal).first?.object
        else { throw DAVError(.forbidden, "This server cannot store objects in \(collection.path).") }
        let validated = try policy.validate(
            stored.bytes,
            contentType: source.contentType,
            in: collection,
            request: request,
            context: context
        )
        let sourceKind = try context.backend.resource(at: sourceParent, as: request.principal)?.kind
        if sourceKind == collection.kind { return .sameKind }
        return .reindex(bytes: stored.bytes, contentType: validated.contentType, summary: validated.summary)
    }

    /// Stores the validated object at the destination and, for MOVE, deletes the source (two transactions: a
    /// failure between them leaves the object in both places, never in neither). Dead properties are not carried.
    /// Returns whether the destination is new.
    func reindex(
        _ bytes: [UInt8],
        contentType: String,
        summary: ObjectSummary,
        to destination: DAVPath,
        request: DAVRequest,
        context: DAVContext
    ) throws -> Bool {
        guard let backend = context.backend as? any ObjectBackend else {
            throw DAVError(.forbidden, "This server cannot store objects in \(destination).")
        }
        let (_, created) = try backend.putObject(
            at: destination,
            bytes: bytes,
            contentType: contentType,
            summary: summary,
            precondition: { _ in },
            as: request.principal
        )
        if method == .move {
            try context.backend.delete(at: request.path, precondition: { _ in }, as: request.principal)
        }
        return created
    }
}
