/// Range requests (RFC 9110 §14): one `bytes=` range, with If-Range.
///
/// Requests for several ranges are answered with the whole representation, which RFC 9110 §14.2 allows.
public enum ByteRange {
    /// What to send.
    public enum Outcome: Sendable, Equatable {
        /// The whole representation with 200.
        case full
        /// `length` bytes from `offset`, with 206 and `Content-Range`.
        case partial(offset: Int64, length: Int64)
        /// 416 with `Content-Range: bytes */total`.
        case unsatisfiable
    }

    /// Decides how to answer a GET with these headers for a representation of `totalLength` bytes.
    public static func evaluate(
        _ headers: HTTPHeaders,
        totalLength: Int64,
        state: ConditionalRequest.ResourceState
    ) -> Outcome {
        guard let range = headers["Range"] else { return .full }
        if let ifRange = headers["If-Range"], !ifRangeHolds(ifRange, state: state) { return .full }
        let text = range.trimmingHTTPWhitespace()
        guard text.lowercased().hasPrefix("bytes=") else { return .full }
        let specs = text.dropFirst(6).split(separator: ",").map { $0.trimmingHTTPWhitespace() }
        guard specs.count == 1, let spec = specs.first, let dash = spec.firstIndex(of: "-") else { return .full }
        let first = spec[..<dash]
        let last = spec[spec.index(after: dash)...]
        if first.isEmpty {
            guard let suffix = Int64(last), suffix > 0 else { return suffix(last) }
            guard totalLength > 0 else { return .unsatisfiable }
            let length = min(suffix, totalLength)
            return .partial(offset: totalLength - length, length: length)
        }
        guard let start = Int64(first), start >= 0 else { return .full }
        guard start < totalLength else { return .unsatisfiable }
        var end = totalLength - 1
        if !last.isEmpty {
            guard let parsedEnd = Int64(last), parsedEnd >= start else { return .full }
            end = min(parsedEnd, totalLength - 1)
        }
        return .partial(offset: start, length: end - start + 1)
    }

    private static func suffix(_ text: Substring) -> Outcome {
        Int64(text) == 0 ? .unsatisfiable : .full
    }

    /// RFC 9110 §13.1.5: If-Range holds when its strong tag matches exactly or its date equals Last-Modified.
    private static func ifRangeHolds(_ value: String, state: ConditionalRequest.ResourceState) -> Bool {
        if value.hasPrefix("\"") || value.hasPrefix("W/") {
            guard let tags = EntityTag.parseList(value), tags.count == 1, let current = state.etag else { return false }
            return tags[0].strongMatches(current)
        }
        guard let date = HTTPDate.parse(value), let modified = state.lastModified else { return false }
        return date == modified
    }
}
