import DAVXML
import Synchronization

/// The upper-case component names of `supported-calendar-component-set` values (RFC 4791 §5.2.3), remembered per
/// calendar with the value they came from: a PUT into the same calendar with an unchanged value (whose storage a
/// backend that keeps its properties in memory shares, so comparing is cheap) reuses the set.
final class SupportedComponentNames: Sendable {
    private struct Entry {
        var value: XMLTree
        var names: Set<String>
    }

    private let entries = Mutex<[Int64: Entry]>([:])
    private let limit: Int

    init(limit: Int = 1024) { self.limit = limit }

    /// The names in `value`, the property of the calendar with `identifier`.
    func names(in value: XMLTree, of identifier: Int64) -> Set<String> {
        if let entry = entries.withLock({ $0[identifier] }), entry.value == value { return entry.names }
        let names = Set(
            value.children(named: CalDAVElements.named("comp")).compactMap {
                $0.attributes[XMLName("", "name")]?.uppercased()
            }
        )
        entries.withLock { entries in
            if entries.count >= limit { entries.removeAll(keepingCapacity: true) }
            entries[identifier] = Entry(value: value, names: names)
        }
        return names
    }
}
