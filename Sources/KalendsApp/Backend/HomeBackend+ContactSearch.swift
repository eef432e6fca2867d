import CardDAV
import DAVCore
import Store

extension HomeBackend: ContactSearchBackend {
    func contactObjects(
        in collection: DAVPath,
        satisfying condition: ContactSearchCondition,
        as principal: Principal
    ) throws -> [ContactSearchCandidate] {
        let location = try authorize(collection, for: principal)
        return try mapErrors {
            let parent = collection.asCollection(true)
            var rows = try store.contactSearch(in: location.storePath, matching: Self.query(condition))
            var candidates: [ContactSearchCandidate] = []
            candidates.reserveCapacity(rows.count)
            // The rows are moved out from the last, not copied, and the candidates put back in order.
            while let (member, content, proven) = rows.popLast() {
                candidates.append(
                    ContactSearchCandidate(
                        object: try storedObject(Self.resource(member, in: parent), content),
                        satisfiesCondition: proven
                    )
                )
            }
            // Reversing the buffer moves the candidates; `Array.reverse` copies them.
            candidates.withUnsafeMutableBufferPointer { $0.reverse() }
            return candidates
        }
    }

    /// The search values of a stored card in the store's form, for the migration that indexes existing cards.
    static let contactSearchValues: @Sendable ([UInt8]) -> [ContactSearchValue]? = { bytes in
        ContactSearchValues.of(bytes).map(storeValues)
    }

    /// The store's form of a card's search values.
    static func storeValues(_ values: [ObjectSearchValue]) -> [ContactSearchValue] {
        values.map { ContactSearchValue(name: $0.name, value: $0.value) }
    }

    /// The store's form of a condition that narrows (``ContactSearchCondition/everything`` is never passed down:
    /// it would select nothing here).
    private static func query(_ condition: ContactSearchCondition) -> ContactSearchQuery {
        switch condition {
        case .everything: .any([])
        case .exists(let name): .exists(name: name)
        case .value(let name, let key, let match): .value(name: name, text: key, match: Self.match(match))
        case .all(let conditions): .all(conditions.map(query))
        case .any(let conditions): .any(conditions.map(query))
        }
    }

    private static func match(_ match: Collation.MatchType) -> ContactSearchMatch {
        switch match {
        case .equals: .equals
        case .startsWith: .startsWith
        case .endsWith: .endsWith
        case .contains: .contains
        }
    }
}
