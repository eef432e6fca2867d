import Synchronization

/// The ``ContactSearchIndex`` of recently queried address books, by collection id, within a memory budget: the
/// least recently used go first, and an address book whose index alone exceeds the budget is searched without
/// one (`ContactSearchReader`) from then on.
///
/// An index is made at the first `addressbook-query` (RFC 6352 §8.6) of an address book and brought forward to
/// the collection revision of each later query's read transaction through the change log (RFC 6578 §3 records
/// every member created, changed, moved or deleted), so a write never has to reach the cache: see
/// `DataStore.contactSearchNodes`. Collection ids are never reused, so a deleted address book's index is only
/// dead weight until it is pushed out.
final class ContactSearchCache: Sendable {
    /// One address book's index, locked while it is brought forward and searched.
    final class Entry: Sendable {
        let index = Mutex<ContactSearchIndex?>(nil)
    }

    private struct State {
        var entries: [Int64: Entry] = [:]
        var bytes: [Int64: Int] = [:]
        var lastUse: [Int64: UInt64] = [:]
        var clock: UInt64 = 0
        var total = 0
        var oversized: Set<Int64> = []
    }

    /// The default budget: 32 MiB (an index of the EMAIL values of 50,000 cards takes about 3.5 MiB).
    static let defaultBudget = 32 << 20

    /// The most bytes the indexes may hold together.
    let budget: Int
    private let state = Mutex(State())

    /// A cache holding at most `budget` bytes of indexes (0: none).
    init(budget: Int = ContactSearchCache.defaultBudget) {
        self.budget = budget
    }

    /// The entry of the address book `collectionID`, made empty if missing; nil when its index does not fit the
    /// budget.
    func entry(for collectionID: Int64) -> Entry? {
        guard budget > 0 else { return nil }
        return state.withLock { state in
            guard !state.oversized.contains(collectionID) else { return nil }
            state.clock += 1
            state.lastUse[collectionID] = state.clock
            if let entry = state.entries[collectionID] { return entry }
            let entry = Entry()
            state.entries[collectionID] = entry
            state.bytes[collectionID] = 0
            return entry
        }
    }

    /// Records that the index of `entry` now holds `bytes`, and drops the least recently used other indexes while
    /// the total is over the budget. An index over the budget by itself is dropped.
    func account(_ entry: Entry, of collectionID: Int64, bytes: Int) {
        state.withLock { state in
            guard state.entries[collectionID] === entry else { return }
            state.total += bytes - (state.bytes[collectionID] ?? 0)
            state.bytes[collectionID] = bytes
            if bytes > budget {
                state.oversized.insert(collectionID)
                Self.remove(collectionID, from: &state)
            }
            while state.total > budget,
                let oldest = state.lastUse.filter({ $0.key != collectionID }).min(by: { $0.value < $1.value })?.key
            {
                Self.remove(oldest, from: &state)
            }
        }
    }

    /// The bytes the indexes hold together, as last accounted.
    var totalBytes: Int { state.withLock { $0.total } }

    /// The address books with an index.
    var collections: Set<Int64> { state.withLock { Set($0.entries.keys) } }

    private static func remove(_ collectionID: Int64, from state: inout State) {
        state.entries[collectionID] = nil
        state.lastUse[collectionID] = nil
        state.total -= state.bytes.removeValue(forKey: collectionID) ?? 0
    }
}
