extension DataStore {
    /// Runs `body` inside a write transaction and then enforces `StoreOptions.userQuota` (RFC 4331) for the owner
    /// it wrote for: when the owner's stored bytes grew and now exceed the quota, throws `.quotaExceeded`, which
    /// rolls the whole transaction back. The check reads the usage on the writer connection, so it sees the
    /// transaction's own changes and no concurrent write can slip past it. Free when no quota is set.
    func limitingUsage<T>(ofOwner ownerID: Int64, in context: WriteContext, _ body: () throws -> T) throws -> T {
        let quota = options.userQuota
        guard quota > 0 else { return try body() }
        let before = try context.users.usedBytes(ownerID: ownerID)
        let result = try body()
        let after = try context.users.usedBytes(ownerID: ownerID)
        if after > quota && after > before {
            throw StoreError.quotaExceeded("storing this needs \(after) bytes of the \(quota) allowed")
        }
        return result
    }

    /// Throws `.quotaExceeded` when the owner already uses all of `StoreOptions.userQuota`: new collections hold no
    /// content bytes, but a user who is full may not keep adding entries.
    func requireFreeQuota(ofOwner ownerID: Int64, in context: WriteContext) throws {
        let quota = options.userQuota
        guard quota > 0 else { return }
        let used = try context.users.usedBytes(ownerID: ownerID)
        if used >= quota { throw StoreError.quotaExceeded("\(used) of the \(quota) bytes allowed are in use") }
    }
}
