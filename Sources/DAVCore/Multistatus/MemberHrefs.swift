/// The hrefs of a collection's members (RFC 4918 §8.3), written as bytes: the collection's encoded path, computed
/// once, then each member's encoded name. Any other path is encoded whole.
struct MemberHrefs: Sendable {
    private let collection: [String]
    private let prefix: [UInt8]

    /// Prepares the hrefs of the members of `collection`.
    init(collection: DAVPath) {
        self.collection = collection.segments
        var prefix: [UInt8] = []
        collection.asCollection(true).appendEncoded(to: &prefix)
        self.prefix = prefix
    }

    /// Appends the encoded form of `path` (what `DAVPath.encoded` gives).
    func append(_ path: DAVPath, to output: inout [UInt8]) {
        let segments = path.segments
        guard segments.count == collection.count + 1, segments.starts(with: collection) else {
            path.appendEncoded(to: &output)
            return
        }
        output.append(contentsOf: prefix)
        DAVPath.appendEncoded(segment: segments[collection.count], to: &output)
        if path.hasTrailingSlash { output.append(UInt8(ascii: "/")) }
    }
}
