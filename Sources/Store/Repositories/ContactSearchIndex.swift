#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// An in-memory copy of one address book's `contact_search` values (RFC 6352 §8.6 `addressbook-query` candidates),
/// for the properties its queries asked about, as of one collection revision (`nodes.sync_revision`).
///
/// Each card with a `contact_search` row has a slot. The values of one property are kept in a ``Column``: every
/// value of every card, one after another in contiguous bytes, so a `contains` test is one walk over the values of that
/// property only, and `equals`/`starts-with`/`ends-with` are the same walk with a separator on the
/// side that must be a value boundary.
///
/// Kept up to date by ``apply(node:terms:)`` for each member the change log names after ``revision``: the node's
/// old slot (if any) is emptied and its current terms get a new slot. A slot whose node was deleted or moved out
/// is not known from the change log, so it stays until the next ``build(database:collectionID:revision:names:)``;
/// its node id can only select a node the caller no longer finds among the address book's members, so stale slots
/// never add results, and no card written since the index was built is missed.
struct ContactSearchIndex: Sendable {
    /// The collection revision whose state the index holds.
    var revision: Int64
    /// The property names with a column (index names: upper-cased, without group).
    private(set) var names: Set<String>
    /// The node of each slot; 0 for a slot emptied by a later change of its node.
    private var slotNodes: [Int64] = []
    /// The live slot of each node.
    private var slotOfNode: [Int64: Int32] = [:]
    /// The columns, in the order of ``columnNames``.
    private var columns: [Column]
    /// The UTF-8 name of each column.
    private let columnNames: [[UInt8]]
    /// Slots whose node changed or may have gone since the last build.
    private(set) var staleSlots = 0

    /// Separates values in a ``Column`` (the entry separator of `ContactSearchTerms`, which no value holds).
    static let separator = ContactSearchTerms.entry

    /// An empty index with columns for `names`.
    init(revision: Int64, names: Set<String>) {
        self.revision = revision
        self.names = names
        columnNames = names.sorted().map { Array($0.utf8) }
        columns = Array(repeating: Column(), count: columnNames.count)
    }

    /// Cards with a value (a slot with a node).
    var liveSlots: Int { slotOfNode.count }

    /// The bytes the index holds, roughly: for the cache's memory budget.
    var byteCount: Int {
        columns.reduce(slotNodes.capacity * 8 + slotOfNode.capacity * 24) { $0 + $1.byteCount }
    }

    /// Reads the rows of the address book `collectionID` into a new index with columns for `names`, in the
    /// caller's read transaction (whose collection revision is `revision`).
    static func build(
        database: Database,
        collectionID: Int64,
        revision: Int64,
        names: Set<String>
    ) throws(StoreError) -> ContactSearchIndex {
        var index = ContactSearchIndex(revision: revision, names: names)
        try database.withStatement(
            "SELECT node_id, terms FROM contact_search WHERE collection_id = ?",
            [.int(collectionID)]
        ) { row throws(StoreError) in
            while try row.step() {
                let node = row.int64(0)
                row.withBytes(1) { index.append(node: node, terms: $0) }
            }
        }
        return index
    }

    /// Takes the current state of one changed member: `node` now has `terms` (nil: no row, not a card any more).
    /// The node's previous slot is emptied.
    mutating func apply(node: Int64, terms: UnsafeRawBufferPointer?) {
        if let old = slotOfNode.removeValue(forKey: node) {
            slotNodes[Int(old)] = 0
            staleSlots += 1
        }
        if let terms { append(node: node, terms: terms) }
    }

    /// Counts a member the change log names as deleted: its slot, if it had one, stays until the next build.
    mutating func noteRemoval() { staleSlots += 1 }

    /// Gives `node` a new slot holding the values of `terms` (`ContactSearchTerms`: `␞NAME␟value␞…`) whose
    /// names have columns. A value the terms keep empty (not indexed) marks the card as a candidate for every
    /// test of its property.
    private mutating func append(node: Int64, terms: UnsafeRawBufferPointer) {
        let slot = Int32(slotNodes.count)
        slotNodes.append(node)
        slotOfNode[node] = slot
        guard let base = terms.baseAddress else { return }
        var position = 1
        while position < terms.count,
            let nameEnd = memchr(base + position, Int32(ContactSearchTerms.name), terms.count - position)
        {
            let valueStart = base.distance(to: UnsafeRawPointer(nameEnd)) + 1
            let valueEnd =
                memchr(base + valueStart, Int32(ContactSearchTerms.entry), terms.count - valueStart)
                .map { base.distance(to: UnsafeRawPointer($0)) } ?? terms.count
            if let column = column(
                named: UnsafeRawBufferPointer(start: base + position, count: valueStart - 1 - position)
            ) {
                columns[column].append(UnsafeRawBufferPointer(rebasing: terms[valueStart..<valueEnd]), of: slot)
            }
            position = valueEnd + 1
        }
    }

    private func column(named name: UnsafeRawBufferPointer) -> Int? {
        columnNames.firstIndex { columnName in
            columnName.count == name.count
                && columnName.withUnsafeBytes { bytes in
                    guard let wanted = bytes.baseAddress, let given = name.baseAddress else { return true }
                    return memcmp(wanted, given, name.count) == 0
                }
        }
    }

    /// The nodes `query` selects, in slot order: a superset of the nodes the terms walk
    /// (`ContactSearchReader`) selects over the same rows, plus possibly stale nodes. A node is `proven` when its
    /// indexed values alone satisfy the query (no value it depends on was kept empty). Every name `query` asks
    /// about must have a column (``names``).
    func nodes(_ query: ContactSearchQuery) -> [ContactSearchSelection] {
        let selected = select(query)
        var result: [ContactSearchSelection] = []
        for (word, bits) in selected.possible.words.enumerated() where bits != 0 {
            let provenBits = selected.proven.words[word]
            var remaining = bits
            while remaining != 0 {
                let bit = remaining.trailingZeroBitCount
                let slot = word * 64 + bit
                if slot < slotNodes.count, slotNodes[slot] != 0 {
                    result.append(ContactSearchSelection(node: slotNodes[slot], proven: provenBits >> bit & 1 != 0))
                }
                remaining &= remaining - 1
            }
        }
        return result
    }

    /// The slots `query` may select, and among them those whose indexed values prove it.
    private func select(_ query: ContactSearchQuery) -> (possible: SlotSet, proven: SlotSet) {
        switch query {
        case .exists(let name):
            let present = slots(of: name, \.slots)
            return (present, present)
        case .value(let name, let text, let match):
            return select(name: name, text: Array(text.utf8), match: match)
        case .all(let queries):
            return combined(queries, startingFilled: true) { $0.formIntersection($1) }
        case .any(let queries):
            return combined(queries, startingFilled: false) { $0.formUnion($1) }
        }
    }

    /// The possible and proven slots of `queries`, each merged into a set that starts full or empty.
    private func combined(
        _ queries: [ContactSearchQuery],
        startingFilled filled: Bool,
        _ merge: (inout SlotSet, SlotSet) -> Void
    ) -> (possible: SlotSet, proven: SlotSet) {
        var possible = SlotSet(count: slotNodes.count, filled: filled)
        var proven = possible
        for query in queries {
            let selected = select(query)
            merge(&possible, selected.possible)
            merge(&proven, selected.proven)
        }
        return (possible, proven)
    }

    /// The slots of cards whose values of `name` hold `text` as `match` says (proven), or whose value of `name`
    /// was not indexed (possible only). A text holding a separator only asks for the property and proves
    /// nothing; an empty one but for `equals` is in every value, so the property proves it.
    private func select(name: String, text: [UInt8], match: ContactSearchMatch) -> (
        possible: SlotSet, proven: SlotSet
    ) {
        if text.contains(where: { $0 == ContactSearchTerms.entry || $0 == ContactSearchTerms.name }) {
            return (slots(of: name, \.slots), SlotSet(count: slotNodes.count, filled: false))
        }
        if text.isEmpty && match != .equals {
            let present = slots(of: name, \.slots)
            return (present, present)
        }
        var proven = SlotSet(count: slotNodes.count, filled: false)
        guard !text.isEmpty, let column = column(named: name) else {
            return (slots(of: name, \.unindexed), proven)
        }
        let needle: [UInt8]
        switch match {
        case .equals: needle = [Self.separator] + text + [Self.separator]
        case .startsWith: needle = [Self.separator] + text
        case .endsWith: needle = text + [Self.separator]
        case .contains: needle = text
        }
        columns[column].forEachCard(
            holding: needle,
            valueStartsAt: match == .equals || match == .startsWith ? 1 : 0
        ) { proven.insert($0) }
        var possible = slots(of: name, \.unindexed)
        possible.formUnion(proven)
        return (possible, proven)
    }

    private func slots(of name: String, _ list: KeyPath<Column, [Int32]>) -> SlotSet {
        var result = SlotSet(count: slotNodes.count, filled: false)
        if let column = column(named: name) {
            for slot in columns[column][keyPath: list] { result.insert(slot) }
        }
        return result
    }

    private func column(named name: String) -> Int? {
        var name = name
        return name.withUTF8 { column(named: UnsafeRawBufferPointer($0)) }
    }
}

extension ContactSearchIndex {
    /// The values of one property: every card's values, each followed by the separator, after one leading
    /// separator — `␞v1␞v2␞w1␞` — so every value is enclosed by separators; the cards follow one another.
    struct Column: Sendable {
        /// The values.
        private(set) var bytes: [UInt8] = [ContactSearchIndex.separator]
        /// Where each card's values begin in ``bytes``, ascending (equal for a card with no indexed value).
        private(set) var starts: [Int32] = []
        /// The slot of each card, beside ``starts``.
        private(set) var slots: [Int32] = []
        /// The slots of cards with a value not indexed (kept empty by the terms).
        private(set) var unindexed: [Int32] = []
        /// How often each byte value occurs in ``bytes``, to search for a needle by its rarest byte.
        private var byteCounts = [Int](repeating: 0, count: 256)

        var byteCount: Int { bytes.capacity + (starts.capacity + slots.capacity + unindexed.capacity) * 4 }

        /// Adds one value of the card in `slot` (the latest card, or a new one).
        mutating func append(_ value: UnsafeRawBufferPointer, of slot: Int32) {
            if slots.last != slot {
                starts.append(Int32(bytes.count))
                slots.append(slot)
            }
            if value.isEmpty {
                if unindexed.last != slot { unindexed.append(slot) }
                return
            }
            bytes.append(contentsOf: value)
            bytes.append(ContactSearchIndex.separator)
            byteCounts.withUnsafeMutableBufferPointer { counts in
                for byte in value { counts[Int(byte)] += 1 }
            }
            byteCounts[Int(ContactSearchIndex.separator)] += 1
        }

        /// Calls `body` once with the slot of each card one of whose values `needle` occurs in, where the value's
        /// own bytes begin `valueStartsAt` bytes into the needle (after a leading separator). The needle is found
        /// by its byte that is rarest among these values, with `memchr`, and compared around each hit.
        func forEachCard(holding needle: [UInt8], valueStartsAt lead: Int, _ body: (Int32) -> Void) {
            guard !starts.isEmpty, !needle.isEmpty, bytes.count >= needle.count else { return }
            let anchor = needle.indices.min { byteCounts[Int(needle[$0])] < byteCounts[Int(needle[$1])] } ?? 0
            bytes.withUnsafeBytes { haystack in
                needle.withUnsafeBytes { pattern in
                    guard let base = haystack.baseAddress, let patternBase = pattern.baseAddress else { return }
                    let last = haystack.count - pattern.count
                    let anchorByte = Int32(needle[anchor])
                    var start = 0
                    var card = 0
                    while start <= last, let found = memchr(base + start + anchor, anchorByte, last - start + 1) {
                        let hit = base.distance(to: UnsafeRawPointer(found)) - anchor
                        guard memcmp(base + hit, patternBase, pattern.count) == 0 else {
                            start = hit + 1
                            continue
                        }
                        card = cardIndex(holding: hit + lead, from: card)
                        body(slots[card])
                        guard card + 1 < starts.count else { return }
                        start = Int(starts[card + 1]) - lead
                    }
                }
            }
        }

        /// The last card at or after `first` whose values begin at or before `position`.
        private func cardIndex(holding position: Int, from first: Int) -> Int {
            var low = first
            var high = starts.count
            while high - low > 1 {
                let middle = (low + high) / 2
                if Int(starts[middle]) <= position { low = middle } else { high = middle }
            }
            return low
        }
    }

    /// A set of slots as bits.
    struct SlotSet {
        private(set) var words: [UInt64]

        init(count: Int, filled: Bool) {
            words = Array(repeating: filled ? ~0 : 0, count: (count + 63) / 64)
        }

        mutating func insert(_ slot: Int32) {
            words[Int(slot) >> 6] |= 1 << UInt64(slot & 63)
        }

        mutating func formIntersection(_ other: SlotSet) {
            for index in words.indices { words[index] &= other.words[index] }
        }

        mutating func formUnion(_ other: SlotSet) {
            for index in words.indices { words[index] |= other.words[index] }
        }
    }
}

extension ContactSearchQuery {
    /// The property names the query asks about.
    var names: Set<String> {
        switch self {
        case .exists(let name), .value(let name, _, _): [name]
        case .all(let queries), .any(let queries): queries.reduce(into: []) { $0.formUnion($1.names) }
        }
    }
}
