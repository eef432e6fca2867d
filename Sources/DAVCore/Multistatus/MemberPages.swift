/// The members of a collection a page at a time, for listings streamed as they are read: from a
/// `PagedMembersBackend` in pages of `pageSize` by name, each its own backend call, so a slow client never holds a
/// read transaction; from any other backend all at once. Pages are separate reads, so a member renamed while a
/// listing is sent may appear under both names or neither; RFC 4918 §9.1 does not ask for one snapshot.
struct MemberPages: Sendable {
    /// Members per page.
    static let pageSize = 1000

    private let backend: any DAVBackend
    private let collection: DAVPath
    private let principal: Principal
    private var lastName: String?
    /// Whether every member has been returned.
    private(set) var isFinished = false

    /// Prepares to list the members of `collection`.
    init(of collection: DAVPath, in backend: any DAVBackend, as principal: Principal) {
        self.backend = backend
        self.collection = collection
        self.principal = principal
    }

    /// The next members, or nil after the last page.
    mutating func next() throws -> [DAVResource]? {
        guard !isFinished else { return nil }
        guard let paged = backend as? any PagedMembersBackend else {
            isFinished = true
            return try backend.members(of: collection, as: principal)
        }
        let page = try paged.members(of: collection, after: lastName, limit: Self.pageSize, as: principal)
        isFinished = page.count < Self.pageSize
        lastName = page.last?.path.lastSegment
        return page
    }
}
