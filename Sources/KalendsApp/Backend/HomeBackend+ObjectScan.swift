import DAVCore
import Store

extension HomeBackend: ObjectScanBackend {
    func objects(
        in collection: DAVPath,
        admitting admits: (UnsafeRawBufferPointer) -> Bool,
        as principal: Principal
    ) throws -> [StoredObject] {
        let location = try authorize(collection, for: principal)
        return try mapErrors {
            try store.objects(in: location.storePath, admitting: admits).map {
                try storedObject($0.node, $0.content, in: collection)
            }
        }
    }
}
