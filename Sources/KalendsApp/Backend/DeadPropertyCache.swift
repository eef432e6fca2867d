import DAVXML
import Synchronization

/// Parsed dead properties by their stored XML text. Many resources carry the same values (a calendar's
/// `supported-calendar-component-set`, Finder's `Win32FileAttributes`), and every PUT into a calendar and every
/// PROPFIND that lists dead properties reads them, so parsing each text once saves a system XML parser run per
/// read. Bounded: it starts over when full.
final class DeadPropertyCache: Sendable {
    private let entries = Mutex<[String: XMLTree]>([:])
    private let limit: Int

    init(limit: Int = 4096) { self.limit = limit }

    /// The tree of a stored property; nil when the text does not parse (then it is left out, as before).
    func tree(for xml: String) -> XMLTree? {
        if let cached = entries.withLock({ $0[xml] }) { return cached }
        guard let tree = try? XMLReader().parse(Array(xml.utf8)) else { return nil }
        entries.withLock { cache in
            if cache.count >= limit { cache.removeAll(keepingCapacity: true) }
            cache[xml] = tree
        }
        return tree
    }
}
